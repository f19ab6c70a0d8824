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

/** Close a dispatch call. */
public record CloseCall(long callId) implements CadOperation {

    /** close_call's page documents the wrong success text, so any 200 that is not an error counts. */
    static final V1Codec V1 = V1Codec.confirmedBy("close_call", "", (operation, serverId) -> {
        JsonObject item = new JsonObject();
        item.addProperty("serverId", serverId);
        item.addProperty("callId", ((CloseCall) operation).callId());
        return item;
    });

    static final V2Codec V2 = new V2Codec() {
        @Override
        public Request request(Requests to, List<CadOperation> operations) {
            JsonArray callIds = new JsonArray();
            operations.forEach(op -> callIds.add(((CloseCall) op).callId()));
            JsonObject body = new JsonObject();
            body.add("callIds", callIds);
            return to.send("POST", "v2/emergency/servers/{serverId}/dispatch-calls/close", body);
        }

        /** Maps {@code callIds} back to each call; a call the CAD did not list was not closed (it has no such call). */
        @Override
        public WireOutcome answer(List<CadOperation> operations, WireResponse response, Instant now) {
            JsonObject json = WireSupport.jsonObject(response.body());
            JsonElement callIds = json == null ? null : json.get("callIds");
            if (callIds == null || !callIds.isJsonArray()) {
                return WireSupport.unclear(operations, response, "callIds", "calls it closed");
            }
            Set<String> closed = new HashSet<>();
            for (JsonElement id : callIds.getAsJsonArray()) {
                if (id.isJsonPrimitive()) {
                    closed.add(id.getAsString());
                }
            }
            List<CadResult> results = new ArrayList<>();
            for (CadOperation operation : operations) {
                results.add(closed.contains(Long.toString(((CloseCall) operation).callId()))
                        ? new CadResult.Delivered(OptionalLong.empty()) : WireSupport.leftOut(operation, 0));
            }
            return new WireOutcome.Answered(results);
        }
    };
    public CloseCall {
        callId = OperationLimits.callId("callId", callId);
    }

    @Override
    public OperationType type() {
        return OperationType.CLOSE;
    }

    @Override
    public List<String> targets() {
        return Targets.of(List.of(callId), List.of());
    }
}
