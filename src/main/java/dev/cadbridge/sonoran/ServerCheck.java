package dev.cadbridge.sonoran;

import java.time.Instant;
import java.util.List;
import okhttp3.Request;

/**
 * Whether the CAD knows the configured server id, asked without changing anything: it reads the
 * server's call list ({@code GET /v2/emergency/servers/{serverId}/calls}, 5 a minute) and ignores
 * the calls. An unknown server answers 404, which the wire reads as a wrong server id. v2 only:
 * v1 has no request that names the server without acting on something.
 */
public record ServerCheck() implements CadOperation {

    static final V2Codec V2 = new V2Codec() {
        @Override
        public Request request(Requests to, List<CadOperation> operations) {
            return to.send("GET", "v2/emergency/servers/{serverId}/calls", null);
        }

        @Override
        public WireOutcome answer(List<CadOperation> operations, WireResponse response, Instant now) {
            return new WireOutcome.Answered(List.of(new CadResult.Replied(Boolean.TRUE)));
        }
    };

    @Override
    public OperationType type() {
        return OperationType.SERVER_CHECK;
    }

    @Override
    public List<String> targets() {
        return List.of();
    }
}
