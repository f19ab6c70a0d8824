package dev.cadbridge.sonoran;

import java.util.ArrayList;
import java.util.List;

/** Builds {@link CadOperation#targets()}: calls first, then units. */
final class Targets {
    private Targets() {}

    static List<String> of(List<Long> callIds, List<String> unitIds) {
        List<String> targets = new ArrayList<>(callIds.size() + unitIds.size());
        callIds.forEach(call -> targets.add("call:" + call));
        unitIds.forEach(unit -> targets.add("unit:" + unit));
        return targets;
    }
}
