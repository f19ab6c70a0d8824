package dev.cadbridge.sandbox;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.MockResponse;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import okio.ByteString;

/**
 * A fake of Sonoran's SignalR hub ({@code /apiWsHub}) speaking the JSON hub protocol, version 1,
 * as {@code websocket/SIGNALR-FACTS.md} describes it: records end with {@code 0x1E}; the handshake
 * is answered with {@code {}}; invocations ({@code type 1}) of {@code authenticatev2} and
 * {@code unitLocation} get completions ({@code type 3}); pings ({@code type 6}) are accepted;
 * a close ({@code type 7}) closes the socket. It accepts binary frames (what Microsoft's Java
 * client sends) and text. Absent members are left out, never written as null.
 *
 * <p>Plug it into a {@link SonoranSandbox} with {@link SonoranSandbox#withHub}: the hub then
 * answers on the sandbox's port, and stopping the sandbox cuts its sockets.
 */
public final class FakeHub {
    private static final char RECORD_SEPARATOR = '\u001e';

    /** How the hub answers {@code authenticatev2}. */
    public enum AuthMode { CHECK_CREDENTIALS, NEVER_ANSWER }

    /** One {@code unitLocation} call as received. */
    public record LocationCall(Instant at, JsonArray updates) {}

    private final String apiKey;
    private final String communityId;
    private final List<Integer> servers;
    private final Clock clock;
    private final List<WebSocket> sockets = new CopyOnWriteArrayList<>();
    private final List<JsonArray> authentications = new CopyOnWriteArrayList<>();
    private final List<LocationCall> locationCalls = new CopyOnWriteArrayList<>();
    private final List<String> violations = new CopyOnWriteArrayList<>();
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger pings = new AtomicInteger();
    private volatile AuthMode authMode = AuthMode.CHECK_CREDENTIALS;
    private volatile WebSocket authenticated;

    public FakeHub(String apiKey, String communityId, List<Integer> servers, Clock clock) {
        this.apiKey = apiKey;
        this.communityId = communityId;
        this.servers = List.copyOf(servers);
        this.clock = clock;
    }

    public void setAuthMode(AuthMode mode) {
        this.authMode = mode;
    }

    private volatile boolean down;

    /**
     * While down the hub cuts every session and answers new connections with HTTP 503 instead of
     * the websocket upgrade, as a hub behind a load balancer does while it restarts.
     */
    public void setDown(boolean isDown) {
        down = isDown;
        if (isDown) {
            drop();
        }
    }

    /** The upgrade the sandbox answers {@code /apiWsHub} with. */
    MockResponse upgrade() {
        connections.incrementAndGet();
        if (down) {
            return new MockResponse.Builder().code(503).body("hub restarting").build();
        }
        return new MockResponse.Builder().webSocketUpgrade(new Listener()).build();
    }

    // ------------------------------------------------------------------ what tests do

    /** Pushes an event to the authenticated session, as the CAD does: {@code pushEvent(payload)}. */
    public void push(JsonElement payload) {
        WebSocket socket = authenticated;
        if (socket == null) {
            throw new IllegalStateException("no authenticated session to push to");
        }
        JsonObject invocation = new JsonObject();
        invocation.addProperty("type", 1);
        invocation.addProperty("target", "pushEvent");
        JsonArray arguments = new JsonArray();
        arguments.add(payload);
        invocation.add("arguments", arguments);
        socket.send(invocation + String.valueOf(RECORD_SEPARATOR));
    }

    /** Pushes {@code {key, type, data}} with the hub's own (right) key. */
    public void push(String type, JsonElement data) {
        push(event(apiKey, type, data));
    }

    public static JsonObject event(String key, String type, JsonElement data) {
        JsonObject event = new JsonObject();
        event.addProperty("key", key);
        event.addProperty("type", type);
        event.add("data", data);
        return event;
    }

    /** Sends several pushes in one frame, as a hub may. */
    public void pushAll(List<JsonElement> payloads) {
        WebSocket socket = authenticated;
        StringBuilder frame = new StringBuilder();
        for (JsonElement payload : payloads) {
            JsonObject invocation = new JsonObject();
            invocation.addProperty("type", 1);
            invocation.addProperty("target", "pushEvent");
            JsonArray arguments = new JsonArray();
            arguments.add(payload);
            invocation.add("arguments", arguments);
            frame.append(invocation).append(RECORD_SEPARATOR);
        }
        socket.send(frame.toString());
    }

    /**
     * Ends every session without a SignalR close record, as a hub process going away does (the
     * server side of MockWebServer cannot cut a websocket, so this closes it with 1011).
     */
    public void drop() {
        authenticated = null;
        sockets.forEach(socket -> socket.close(1011, "gone"));
        sockets.clear();
    }

    /** Sends a close record ({@code type 7}) with an error and closes. */
    public void closeWithError(String error) {
        authenticated = null;
        for (WebSocket socket : sockets) {
            socket.send("{\"type\":7,\"error\":\"" + error + "\",\"allowReconnect\":true}" + RECORD_SEPARATOR);
            socket.close(1000, "closed by the hub");
        }
        sockets.clear();
    }

    public boolean hasAuthenticatedSession() {
        return authenticated != null;
    }

    public int connections() {
        return connections.get();
    }

    public List<JsonArray> authentications() {
        return List.copyOf(authentications);
    }

    public List<LocationCall> locationCalls() {
        return List.copyOf(locationCalls);
    }

    public int pings() {
        return pings.get();
    }

    /** Anything the client did that the hub (or Sonoran's documentation) does not allow. */
    public List<String> violations() {
        return List.copyOf(violations);
    }

    // ------------------------------------------------------------------ protocol

    private final class Listener extends WebSocketListener {
        private boolean handshakeDone;

        @Override
        public void onOpen(WebSocket webSocket, Response response) {
            sockets.add(webSocket);
        }

        @Override
        public void onMessage(WebSocket webSocket, String text) {
            records(webSocket, text);
        }

        @Override
        public void onMessage(WebSocket webSocket, ByteString bytes) {
            records(webSocket, bytes.utf8());
        }

        @Override
        public void onClosing(WebSocket webSocket, int code, String reason) {
            webSocket.close(1000, null);
            forget(webSocket);
        }

        @Override
        public void onFailure(WebSocket webSocket, Throwable t, Response response) {
            forget(webSocket);
        }

        private void forget(WebSocket webSocket) {
            sockets.remove(webSocket);
            if (authenticated == webSocket) {
                authenticated = null;
            }
        }

        private void records(WebSocket webSocket, String frame) {
            for (String record : frame.split(String.valueOf(RECORD_SEPARATOR))) {
                if (!record.isBlank()) {
                    record(webSocket, JsonParser.parseString(record).getAsJsonObject());
                }
            }
        }

        private void record(WebSocket webSocket, JsonObject message) {
            if (!handshakeDone) {
                handshakeDone = true;
                if (!"json".equals(string(message, "protocol")) || !message.has("version") || message.get("version").getAsInt() != 1) {
                    violations.add("handshake " + message);
                    webSocket.send("{\"error\":\"Requested protocol is not supported\"}" + RECORD_SEPARATOR);
                    webSocket.close(1000, null);
                    return;
                }
                webSocket.send("{}" + RECORD_SEPARATOR);
                return;
            }
            int type = message.has("type") ? message.get("type").getAsInt() : -1;
            switch (type) {
                case 1 -> invocation(webSocket, message);
                case 6 -> pings.incrementAndGet();
                case 7 -> {
                    forget(webSocket);
                    webSocket.close(1000, null);
                }
                default -> violations.add("unexpected message " + message);
            }
        }

        private void invocation(WebSocket webSocket, JsonObject message) {
            String target = string(message, "target");
            String invocationId = string(message, "invocationId");
            JsonArray arguments = message.has("arguments") ? message.getAsJsonArray("arguments") : new JsonArray();
            switch (target) {
                case "authenticatev2" -> {
                    authentications.add(arguments);
                    if (authMode == AuthMode.NEVER_ANSWER) {
                        return;
                    }
                    String refusal = refusal(arguments);
                    if (refusal == null) {
                        authenticated = webSocket;
                    }
                    complete(webSocket, invocationId, result(refusal == null, refusal == null ? "" : refusal, 0));
                }
                case "unitLocation" -> {
                    Instant now = clock.instant();
                    JsonArray updates = arguments.size() > 0 && arguments.get(0).isJsonArray() ? arguments.get(0).getAsJsonArray() : new JsonArray();
                    String error = locationError(webSocket, updates, now);
                    locationCalls.add(new LocationCall(now, updates));
                    if (error != null) {
                        violations.add("unitLocation: " + error);
                    }
                    complete(webSocket, invocationId, result(error == null, error == null ? "" : error, error == null ? updates.size() : 0));
                }
                default -> {
                    violations.add("unknown hub method " + target);
                    if (invocationId != null) {
                        JsonObject completion = new JsonObject();
                        completion.addProperty("type", 3);
                        completion.addProperty("invocationId", invocationId);
                        completion.addProperty("error", "Unknown hub method '" + target + "'");
                        webSocket.send(completion + String.valueOf(RECORD_SEPARATOR));
                    }
                }
            }
        }

        private String refusal(JsonArray arguments) {
            if (arguments.size() < 2) {
                return "Missing community id or API key.";
            }
            if (!communityId.equals(arguments.get(0).getAsString())) {
                return "Invalid community ID.";
            }
            if (!apiKey.equals(arguments.get(1).getAsString())) {
                return "Invalid API key.";
            }
            if (arguments.size() > 2 && !arguments.get(2).isJsonNull() && !servers.contains(arguments.get(2).getAsInt())) {
                return "Invalid server ID.";
            }
            return null;
        }

        private String locationError(WebSocket webSocket, JsonArray updates, Instant now) {
            if (authenticated != webSocket) {
                return "Unauthenticated. Call authenticate first.";
            }
            if (updates.isEmpty()) {
                return "Missing unit location updates.";
            }
            if (updates.size() > 25) {
                return "Too many unit updates in one call. Max is 25.";
            }
            if (!locationCalls.isEmpty() && locationCalls.getLast().at().plusMillis(200).isAfter(now)) {
                return "UNIT_LOCATION updates are limited to every 200ms.";
            }
            for (JsonElement update : updates) {
                JsonObject object = update.getAsJsonObject();
                boolean target = object.has("identId") || object.has("apiId") || object.has("communityUserId") || object.has("roblox");
                if (!target || !object.has("location")) {
                    return "Each unit update requires identId, apiId, communityUserId, or roblox, and location.";
                }
            }
            return null;
        }
    }

    private static JsonObject result(boolean success, String error, int count) {
        JsonObject result = new JsonObject();
        result.addProperty("success", success);
        result.addProperty("error", error);
        result.addProperty("count", count);
        return result;
    }

    private static void complete(WebSocket webSocket, String invocationId, JsonObject result) {
        if (invocationId == null) {
            return;
        }
        JsonObject completion = new JsonObject();
        completion.addProperty("type", 3);
        completion.addProperty("invocationId", invocationId);
        completion.add("result", result);
        webSocket.send(completion + String.valueOf(RECORD_SEPARATOR));
    }

    private static String string(JsonObject json, String field) {
        JsonElement value = json.get(field);
        return value == null || value.isJsonNull() ? null : value.getAsString();
    }

    static List<String> split(String frame) {
        List<String> records = new ArrayList<>();
        for (String record : frame.split(String.valueOf(RECORD_SEPARATOR))) {
            if (!record.isBlank()) {
                records.add(record);
            }
        }
        return records;
    }
}
