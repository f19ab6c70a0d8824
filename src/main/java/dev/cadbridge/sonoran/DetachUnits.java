package dev.cadbridge.sonoran;

import com.google.gson.JsonObject;
import java.time.Instant;
import java.util.List;
import okhttp3.Request;

/** Detach units from whatever call they are on. */
public record DetachUnits(List<String> unitIds) implements CadOperation, UnitSetOperation {

    static final V1Codec V1 = V1Codec.confirmedBy("detach_unit", "DETACHED", (operation, serverId) -> {
        JsonObject item = new JsonObject();
        item.addProperty("serverId", serverId);
        item.add("units", WireSupport.strings(((DetachUnits) operation).unitIds()));
        return item;
    });

    static final V2Codec V2 = new V2Codec() {
        @Override
        public Request request(Requests to, List<CadOperation> operations) {
            JsonObject body = new JsonObject();
            body.add("communityUserIds", WireSupport.strings(((DetachUnits) WireSupport.single(operations)).unitIds()));
            return to.send("DELETE", "v2/emergency/servers/{serverId}/dispatch-calls/attachments", body);
        }

        @Override
        public WireOutcome answer(List<CadOperation> operations, WireResponse response, Instant now) {
            return WireSupport.unitsAnswer(WireSupport.single(operations), response, "detached");
        }
    };
    public DetachUnits {
        unitIds = OperationLimits.unitIds("units", unitIds, false);
    }

    @Override
    public OperationType type() {
        return OperationType.DETACH;
    }

    @Override
    public List<String> targets() {
        return Targets.of(List.of(), unitIds);
    }

    /** A detach takes units off whatever call they are on, so all detaches merge. */
    @Override
    public Object mergeKey() {
        return OperationType.DETACH;
    }

    @Override
    public DetachUnits withUnits(List<String> units) {
        return new DetachUnits(units);
    }
}
