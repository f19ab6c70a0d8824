package dev.cadbridge.sonoran;

import java.util.List;

/** An operation on a set of units that the dispatcher may merge with others of the same {@link #mergeKey}. */
public interface UnitSetOperation {

    List<String> unitIds();

    /** Operations with equal keys (attaches to the same call, all detaches) may act on their units together. */
    Object mergeKey();

    /** The same operation for {@code units}. */
    CadOperation withUnits(List<String> units);
}
