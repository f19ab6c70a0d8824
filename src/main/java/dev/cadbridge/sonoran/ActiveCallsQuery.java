package dev.cadbridge.sonoran;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import okhttp3.Request;

/**
 * {@code GET /v2/emergency/servers/{serverId}/calls}: the open dispatch calls and 911 calls of this
 * server (the answer's closed calls are left out). Answers a {@code List<ActiveCall>}, dispatch
 * calls first. The route allows 5 requests a minute: callers share one answer (see
 * {@code command.ActiveListCache}).
 */
public record ActiveCallsQuery() implements CadOperation {

    static final V2Codec V2 = new V2Codec() {
        @Override
        public Request request(Requests to, List<CadOperation> operations) {
            return to.send("GET", "v2/emergency/servers/{serverId}/calls", null);
        }

        @Override
        public WireOutcome answer(List<CadOperation> operations, WireResponse response, Instant now) {
            JsonObject json = WireSupport.jsonObject(response.body());
            if (json == null || !(json.has("ActiveCalls") || json.has("EmergencyCalls"))) {
                return new WireOutcome.Answered(List.of(new CadResult.Failed(FailureKind.UNEXPECTED_RESPONSE,
                        "the CAD answered the calls query without ActiveCalls or EmergencyCalls", WireSupport.traceId(response, json))));
            }
            List<ActiveCall> calls = new ArrayList<>();
            read(json.get("ActiveCalls"), ActiveCall::readDispatchCall, calls);
            read(json.get("EmergencyCalls"), ActiveCall::readEmergencyCall, calls);
            return new WireOutcome.Answered(List.of(new CadResult.Replied(List.copyOf(calls))));
        }
    };

    private static void read(JsonElement list, Function<JsonElement, ActiveCall> reader, List<ActiveCall> into) {
        if (list == null || !list.isJsonArray()) {
            return;
        }
        for (JsonElement entry : list.getAsJsonArray()) {
            ActiveCall call = reader.apply(entry);
            if (call != null) {
                into.add(call);
            }
        }
    }

    @Override
    public OperationType type() {
        return OperationType.ACTIVE_CALLS;
    }

    @Override
    public List<String> targets() {
        return List.of();
    }
}
