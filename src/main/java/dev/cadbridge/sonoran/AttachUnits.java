package dev.cadbridge.sonoran;

import com.google.gson.JsonObject;
import java.time.Instant;
import java.util.List;
import okhttp3.Request;

/** Attach one or more units (CAD identities) to an existing call. */
public record AttachUnits(long callId, List<String> unitIds) implements CadOperation, UnitSetOperation {

    static final V1Codec V1 = V1Codec.confirmedBy("attach_unit", "ATTACHED", (operation, serverId) -> {
        AttachUnits attach = (AttachUnits) operation;
        JsonObject item = new JsonObject();
        item.addProperty("serverId", serverId);
        item.addProperty("callId", attach.callId());
        item.add("units", WireSupport.strings(attach.unitIds()));
        return item;
    });

    static final V2Codec V2 = new V2Codec() {
        @Override
        public Request request(Requests to, List<CadOperation> operations) {
            AttachUnits attach = (AttachUnits) WireSupport.single(operations);
            JsonObject body = new JsonObject();
            body.add("communityUserIds", WireSupport.strings(attach.unitIds()));
            return to.send("POST", "v2/emergency/servers/{serverId}/dispatch-calls/" + attach.callId() + "/attachments", body);
        }

        @Override
        public WireOutcome answer(List<CadOperation> operations, WireResponse response, Instant now) {
            return WireSupport.unitsAnswer(WireSupport.single(operations), response, "attached");
        }
    };
    public AttachUnits {
        callId = OperationLimits.callId("callId", callId);
        unitIds = OperationLimits.unitIds("units", unitIds, false);
    }

    @Override
    public OperationType type() {
        return OperationType.ATTACH;
    }

    @Override
    public List<String> targets() {
        return Targets.of(List.of(callId), unitIds);
    }

    @Override
    public Object mergeKey() {
        return callId;
    }

    @Override
    public AttachUnits withUnits(List<String> units) {
        return new AttachUnits(callId, units);
    }
}
