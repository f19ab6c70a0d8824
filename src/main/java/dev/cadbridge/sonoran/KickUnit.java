package dev.cadbridge.sonoran;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import okhttp3.Request;

/** Send a unit back to the CAD's community menu, with a reason the unit sees. */
public record KickUnit(String unitId, String reason) implements CadOperation {

    static final V1Codec V1 = V1Codec.confirmedBy("kick_unit", "KICKED", (operation, serverId) -> {
        KickUnit kick = (KickUnit) operation;
        JsonObject item = new JsonObject();
        item.addProperty("apiId", kick.unitId());
        item.addProperty("reason", kick.reason());
        item.addProperty("serverId", serverId);
        return item;
    });

    static final V2Codec V2 = new V2Codec() {
        /** One kick goes as the single object the vendor's SDK sends; several go as the documented array. */
        @Override
        public Request request(Requests to, List<CadOperation> operations) {
            JsonElement body;
            if (operations.size() == 1) {
                body = ((KickUnit) operations.get(0)).v2Object();
            } else {
                JsonArray array = new JsonArray();
                operations.forEach(op -> array.add(((KickUnit) op).v2Object()));
                body = array;
            }
            return to.send("POST", "v2/emergency/servers/{serverId}/units/kick", body);
        }

        /** Maps {@code kicked[].communityUserId} back to each target; a target the CAD did not list was not kicked. */
        @Override
        public WireOutcome answer(List<CadOperation> operations, WireResponse response, Instant now) {
            if (operations.size() == 1) {
                return WireSupport.allDelivered(operations);
            }
            JsonObject json = WireSupport.jsonObject(response.body());
            JsonElement kicked = json == null ? null : json.get("kicked");
            if (kicked == null || !kicked.isJsonArray()) {
                return WireSupport.unclear(operations, response, "kicked", "units it kicked");
            }
            Set<String> kickedIds = new HashSet<>();
            for (JsonElement element : kicked.getAsJsonArray()) {
                if (element.isJsonObject()) {
                    String id = WireSupport.string(element.getAsJsonObject(), "communityUserId");
                    if (id != null) {
                        kickedIds.add(id);
                    }
                }
            }
            List<CadResult> results = new ArrayList<>();
            for (CadOperation operation : operations) {
                results.add(kickedIds.contains(((KickUnit) operation).unitId())
                        ? new CadResult.Delivered(OptionalLong.empty()) : WireSupport.leftOut(operation, 0));
            }
            return new WireOutcome.Answered(results);
        }
    };

    private JsonObject v2Object() {
        JsonObject object = new JsonObject();
        object.addProperty("communityUserId", unitId);
        object.addProperty("reason", reason);
        return object;
    }
    public KickUnit {
        unitId = OperationLimits.unitId("unit", unitId);
        reason = OperationLimits.requiredText("reason", reason, OperationLimits.MAX_REASON_LENGTH);
    }

    @Override
    public OperationType type() {
        return OperationType.KICK;
    }

    @Override
    public List<String> targets() {
        return Targets.of(List.of(), List.of(unitId));
    }
}
