package dev.cadbridge.sonoran;

import com.google.gson.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import okhttp3.Request;

/**
 * Sets the status of one or more units (0 unavailable, 1 busy, 2 available, 3 en route, 4 on
 * scene, 100 offline). Changes to the same status in the same moment go out as one request; a unit
 * not logged in to the CAD is left out of its answer. v2 only.
 */
public record SetUnitStatus(List<String> unitIds, int status) implements CadOperation, UnitSetOperation {
    private static final Set<Integer> DOCUMENTED = Set.of(0, 1, 2, 3, 4, 100);

    static final V2Codec V2 = new V2Codec() {
        @Override
        public Request request(Requests to, List<CadOperation> operations) {
            SetUnitStatus set = (SetUnitStatus) WireSupport.single(operations);
            JsonObject body = new JsonObject();
            body.add("communityUserIds", WireSupport.strings(set.unitIds()));
            body.addProperty("status", set.status());
            return to.send("PATCH", "v2/emergency/servers/{serverId}/units/status", body);
        }

        @Override
        public WireOutcome answer(List<CadOperation> operations, WireResponse response, Instant now) {
            return WireSupport.updatedCountAnswer(WireSupport.single(operations), response);
        }
    };

    public SetUnitStatus {
        unitIds = OperationLimits.unitIds("units", unitIds, false);
        if (!DOCUMENTED.contains(status)) {
            throw new InvalidOperationException("status", status + " is not a unit status (0-4 or 100)");
        }
    }

    @Override
    public OperationType type() {
        return OperationType.UNIT_STATUS;
    }

    @Override
    public List<String> targets() {
        return Targets.of(List.of(), unitIds);
    }

    /** Changes to the same status merge. */
    @Override
    public Object mergeKey() {
        return status;
    }

    @Override
    public SetUnitStatus withUnits(List<String> units) {
        return new SetUnitStatus(units, status);
    }
}
