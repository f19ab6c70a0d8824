package dev.cadbridge.sonoran;

import com.google.gson.JsonObject;
import java.time.Instant;
import java.util.List;
import okhttp3.Request;

/**
 * Turns the panic button of one or more units on or off. Panics pressed in the same moment with
 * the same state go out as one request; a unit not logged in to the CAD is left out of its answer.
 * v2 only.
 */
public record SetUnitPanic(List<String> unitIds, boolean panic) implements CadOperation, UnitSetOperation {

    static final V2Codec V2 = new V2Codec() {
        @Override
        public Request request(Requests to, List<CadOperation> operations) {
            SetUnitPanic set = (SetUnitPanic) WireSupport.single(operations);
            JsonObject body = new JsonObject();
            body.add("communityUserIds", WireSupport.strings(set.unitIds()));
            body.addProperty("isPanic", set.panic());
            return to.send("PATCH", "v2/emergency/servers/{serverId}/units/panic", body);
        }

        @Override
        public WireOutcome answer(List<CadOperation> operations, WireResponse response, Instant now) {
            return WireSupport.updatedCountAnswer(WireSupport.single(operations), response);
        }
    };

    public SetUnitPanic {
        unitIds = OperationLimits.unitIds("units", unitIds, false);
    }

    @Override
    public OperationType type() {
        return OperationType.UNIT_PANIC;
    }

    @Override
    public List<String> targets() {
        return Targets.of(List.of(), unitIds);
    }

    /** Panics on merge with panics on, offs with offs. */
    @Override
    public Object mergeKey() {
        return panic;
    }

    @Override
    public SetUnitPanic withUnits(List<String> units) {
        return new SetUnitPanic(units, panic);
    }
}
