package dev.cadbridge.sonoran;

import com.google.gson.JsonElement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import okhttp3.Request;

/**
 * {@code GET /v2/emergency/servers/{serverId}/units}: the units active on this server, with the
 * documented defaults (online units, no dispatchers, first 100). Answers a {@code List<ActiveUnit>}.
 * The route allows 3 requests a minute: callers share one answer (see {@code command.ActiveListCache}).
 */
public record ActiveUnitsQuery() implements CadOperation {

    static final V2Codec V2 = new V2Codec() {
        @Override
        public Request request(Requests to, List<CadOperation> operations) {
            return to.send("GET", "v2/emergency/servers/{serverId}/units", null);
        }

        /** The documented answer is an array of units; entries without an id are skipped. */
        @Override
        public WireOutcome answer(List<CadOperation> operations, WireResponse response, Instant now) {
            JsonElement json = WireSupport.jsonElement(response.body());
            if (json == null || !json.isJsonArray()) {
                return new WireOutcome.Answered(List.of(new CadResult.Failed(FailureKind.UNEXPECTED_RESPONSE,
                        "the CAD answered the active units query without a list of units", WireSupport.traceId(response, null))));
            }
            List<ActiveUnit> units = new ArrayList<>();
            for (JsonElement entry : json.getAsJsonArray()) {
                ActiveUnit unit = ActiveUnit.read(entry);
                if (unit != null) {
                    units.add(unit);
                }
            }
            return new WireOutcome.Answered(List.of(new CadResult.Replied(List.copyOf(units))));
        }
    };

    @Override
    public OperationType type() {
        return OperationType.ACTIVE_UNITS;
    }

    @Override
    public List<String> targets() {
        return List.of();
    }
}
