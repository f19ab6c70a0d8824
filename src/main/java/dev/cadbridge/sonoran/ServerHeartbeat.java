package dev.cadbridge.sonoran;

import com.google.gson.JsonObject;
import java.time.Instant;
import java.util.List;
import okhttp3.Request;

/**
 * Tells the CAD this game server is alive and how many players are on it, so the CAD shows the
 * server as up. Only the latest count matters: an older heartbeat still queued is replaced.
 */
public record ServerHeartbeat(int playerCount) implements CadOperation {

    static final V2Codec V2 = new V2Codec() {
        @Override
        public Request request(Requests to, List<CadOperation> operations) {
            JsonObject body = new JsonObject();
            body.addProperty("playerCount", ((ServerHeartbeat) WireSupport.single(operations)).playerCount());
            return to.send("POST", "v2/general/servers/{serverId}/heartbeat", body);
        }

        @Override
        public WireOutcome answer(List<CadOperation> operations, WireResponse response, Instant now) {
            return WireSupport.allDelivered(operations);
        }
    };

    public ServerHeartbeat {
        if (playerCount < 0) {
            throw new InvalidOperationException("playerCount", playerCount + " is negative");
        }
    }

    @Override
    public OperationType type() {
        return OperationType.HEARTBEAT;
    }

    /** The server itself: heartbeats replace each other, and never wait for a unit's or a call's operation. */
    @Override
    public List<String> targets() {
        return List.of("server");
    }
}
