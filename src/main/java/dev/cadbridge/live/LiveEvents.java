package dev.cadbridge.live;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Turns pushed events into what happens in the game. Checks each event's key against ours first:
 * an event with another key is dropped. Keeps, beside the unit cache, what the events said about
 * calls (their title and address, the units on them) so a later attach or close can name them.
 * Events for units that are not on this server are ignored.
 */
public final class LiveEvents {
    /** Calls remembered at most; the oldest is forgotten first. */
    static final int REMEMBERED_CALLS = 1000;

    /** What became of one payload. */
    public enum Outcome { HANDLED, WRONG_KEY, NOT_AN_EVENT }

    private final byte[] apiKey;
    private final UnitCache units;
    private final LiveGame game;
    private final Map<Long, CallState> calls = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, CallState> eldest) {
            return size() > REMEMBERED_CALLS;
        }
    };

    private static final class CallState {
        CadCall call;
        final Set<Long> idents = new HashSet<>();

        CallState(CadCall call) {
            this.call = call;
        }
    }

    public LiveEvents(String apiKey, UnitCache units, LiveGame game) {
        this.apiKey = apiKey.getBytes(StandardCharsets.UTF_8);
        this.units = units;
        this.game = game;
    }

    /**
     * The calls the CAD listed when the session connected. What events said about a call since then
     * is newer, so the list only fills in calls the session has not heard of or knows by number only.
     */
    public synchronized void seedCalls(List<ActiveCallsSource.OpenCall> listed) {
        for (ActiveCallsSource.OpenCall open : listed) {
            CallState state = calls.get(open.call().callId());
            if (state == null) {
                state = new CallState(open.call());
                state.idents.addAll(open.idents());
                calls.put(open.call().callId(), state);
            } else if (state.call.equals(CadCall.numberOnly(open.call().callId()))) {
                state.call = open.call();
            }
        }
    }

    /** One payload as the hub delivered it. Events are handled one at a time, in arrival order. */
    public synchronized Outcome handle(JsonElement payload) {
        Optional<PushEvent> read = PushEvent.read(payload);
        if (read.isEmpty()) {
            return Outcome.NOT_AN_EVENT;
        }
        PushEvent event = read.get();
        if (!MessageDigest.isEqual(apiKey, event.key().getBytes(StandardCharsets.UTF_8))) {
            return Outcome.WRONG_KEY;
        }
        for (JsonObject item : event.items()) {
            handle(event.type(), item);
        }
        return Outcome.HANDLED;
    }

    private void handle(String type, JsonObject item) {
        switch (type) {
            case "EVENT_COMMUNITY_LINK_VERIFIED" -> {
                String communityUserId = Json.text(item, "communityUserId");
                if (!communityUserId.isEmpty()) {
                    game.linkVerified(communityUserId, Json.text(item, "accountUuid"));
                }
            }
            case "EVENT_DISPATCH_UNIT_ATTACH", "EVENT_UNIT_ATTACH" -> attach(item, true);
            case "EVENT_DISPATCH_UNIT_DETACH", "EVENT_UNIT_DETACH" -> attach(item, false);
            case "EVENT_DISPATCH_NEW" -> callChanged(item).ifPresent(game::newCall);
            case "EVENT_DISPATCH_EDIT" -> callChanged(item);
            case "EVENT_DISPATCH_CLOSED" -> Json.numbers(item, "callIds").forEach(this::closed);
            case "EVENT_911" -> new911(item);
            case "EVENT_REMOVE_911" -> {
                List<Long> callIds = Json.numbers(item, "callIds");
                if (!callIds.isEmpty()) {
                    game.removed911(callIds);
                }
            }
            case "EVENT_UNIT_LOGIN" -> loggedIn(item);
            case "EVENT_UNIT_LOGOUT" -> {
                identsOf(item, "identId", "identIds", "ident").forEach(units::loggedOut);
            }
            case "EVENT_UNIT_STATUS" -> {
                Long status = Json.number(item, "status");
                if (status != null) {
                    identsOf(item, "identIds", "identId", "ident").forEach(ident -> units.statusChanged(ident, status.intValue()));
                }
            }
            case "EVENT_UNIT_PANIC" -> panic(item);
            default -> { } // notes and event types this plugin does not act on
        }
    }

    private static List<Long> identsOf(JsonObject item, String... fields) {
        for (String field : fields) {
            List<Long> found = Json.numbers(item, field);
            if (!found.isEmpty()) {
                return found;
            }
        }
        return List.of();
    }

    private void attach(JsonObject item, boolean attached) {
        Long callId = Json.number(item, "callId");
        if (callId == null) {
            return;
        }
        CallState state = calls.computeIfAbsent(callId, id -> new CallState(CadCall.numberOnly(id)));
        for (long ident : identsOf(item, "idents", "ident")) {
            if (attached) {
                state.idents.add(ident);
            } else {
                state.idents.remove(ident);
            }
            units.unit(ident).ifPresent(unit -> units.playerOf(unit).ifPresent(player -> {
                if (attached) {
                    game.attached(player, unit, state.call);
                } else {
                    game.detached(player, unit, state.call);
                }
            }));
        }
    }

    /** A new or edited call: remembered with its units. */
    private Optional<CadCall> callChanged(JsonObject item) {
        JsonObject dispatch = Optional.ofNullable(Json.object(item, "dispatch")).orElse(item);
        Long callId = Json.number(dispatch, "callId");
        if (callId == null) {
            return Optional.empty();
        }
        Long priority = Json.number(dispatch, "priority");
        CadCall call = new CadCall(callId, Json.text(dispatch, "title"), Json.text(dispatch, "address"),
                Json.text(dispatch, "postal"), Json.text(dispatch, "code"), Json.text(dispatch, "description"),
                priority == null ? 0 : priority.intValue());
        CallState state = calls.computeIfAbsent(callId, id -> new CallState(call));
        state.call = call;
        if (dispatch.has("idents")) {
            state.idents.clear();
            state.idents.addAll(Json.numbers(dispatch, "idents"));
        }
        return Optional.of(call);
    }

    private void closed(long callId) {
        CallState state = calls.remove(callId);
        CadCall call = state == null ? CadCall.numberOnly(callId) : state.call;
        Set<UUID> players = new HashSet<>();
        if (state != null) {
            for (long ident : state.idents) {
                units.unit(ident).flatMap(units::playerOf).ifPresent(players::add);
            }
        }
        if (!players.isEmpty()) {
            game.callClosed(call, players);
        }
    }

    private void new911(JsonObject item) {
        JsonObject call = Optional.ofNullable(Json.object(item, "call")).orElse(item);
        Long callId = Json.number(call, "callId");
        if (callId == null) {
            return;
        }
        game.new911(new Cad911Call(callId, !call.has("isEmergency") || Json.flag(call, "isEmergency"), Json.text(call, "caller"),
                Json.text(call, "location"), Json.text(call, "description"), Json.text(item, "communityUserId")));
    }

    private void loggedIn(JsonObject item) {
        JsonObject unit = Optional.ofNullable(Json.object(item, "unit")).orElse(item);
        Long ident = Json.number(unit, "id");
        if (ident == null) {
            return;
        }
        JsonObject data = Json.object(unit, "data");
        Long status = Json.number(unit, "status");
        units.loggedIn(new CadUnit(ident, Json.text(unit, "accId"), Json.text(data, "communityUserId"),
                Json.text(data, "unitNum"), Json.text(data, "name"), status == null ? -1 : status.intValue()));
    }

    private void panic(JsonObject item) {
        boolean on = Json.flag(item, "isPanic");
        for (long ident : identsOf(item, "identIds", "identId", "ident")) {
            CadUnit unit = units.unit(ident).orElse(new CadUnit(ident, "", "", "", "", -1));
            UUID player = units.playerOf(unit).orElse(null);
            game.panic(unit, player, on, units.onDuty().keySet());
        }
    }

    /** For a test or a status line: how many calls are remembered. */
    synchronized int rememberedCalls() {
        return calls.size();
    }
}
