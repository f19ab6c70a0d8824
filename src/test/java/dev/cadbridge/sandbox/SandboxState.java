package dev.cadbridge.sandbox;

import dev.cadbridge.sonoran.ApiGeneration;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.HashSet;

/**
 * What the fake CAD remembers: calls, units (by communityUserId or v1 apiId), account links,
 * link codes and the event log. Guarded by the sandbox's lock; never touched concurrently.
 */
final class SandboxState {
    static final Duration LINK_CODE_LIFETIME = Duration.ofSeconds(600);
    private static final String CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    /** A call as stored; {@link #snapshot()} hands out the immutable view. */
    static final class StoredCall {
        final long callId;
        final int serverId;
        final int origin;
        int status;
        final int priority;
        final String title;
        final String code;
        final String block;
        final String address;
        final String postal;
        final String description;
        String notes;
        final Map<String, String> metaData;
        final List<String> units = new ArrayList<>();
        final ApiGeneration createdBy;
        final Instant created;
        Instant updated;

        StoredCall(long callId, int serverId, NewCall spec, ApiGeneration createdBy, Instant created) {
            this.callId = callId;
            this.serverId = serverId;
            this.origin = spec.origin();
            this.status = spec.status();
            this.priority = spec.priority();
            this.title = spec.title();
            this.code = spec.code();
            this.block = spec.block();
            this.address = spec.address();
            this.postal = spec.postal();
            this.description = spec.description();
            this.notes = spec.notes();
            this.metaData = Map.copyOf(spec.metaData());
            this.createdBy = createdBy;
            this.created = created;
            this.updated = created;
        }

        SandboxCall snapshot() {
            return new SandboxCall(callId, serverId, origin, status, priority, title, code, block, address,
                    postal, description, notes, metaData, List.copyOf(units), createdBy, created);
        }
    }

    /** The fields of a new call, as either generation sends them. */
    record NewCall(int origin, int status, int priority, String title, String code, String block, String address,
            String postal, String description, String notes, Map<String, String> metaData) {}

    /** Who made a 911 call and whether they marked it an emergency (false: a 311-style call). */
    record Caller911(String caller, boolean emergency) {}

    /** The callsign and name the CAD shows for a unit. */
    record UnitProfile(String unitNumber, String name) {}

    record LinkCode(String code, String communityUserId, Instant expiresAt) {}

    private final Clock clock;
    private final Random random;
    private final Map<Long, StoredCall> calls = new LinkedHashMap<>();
    private final Map<String, Integer> identIds = new HashMap<>();
    private final Map<String, String> accountLinks = new HashMap<>();
    private final Set<String> loggedOff = new HashSet<>();
    private final Map<String, Integer> unitStatuses = new HashMap<>();
    private final Map<String, UnitProfile> unitProfiles = new HashMap<>();
    private final Set<String> panicking = new HashSet<>();
    /** 911 calls (a caller, not a dispatcher, opened them): the calls answer lists them apart. */
    private final Map<Long, Caller911> emergencyCalls = new HashMap<>();
    private final Map<String, LinkCode> linkCodesByCode = new HashMap<>();
    private final List<SandboxEvent> events = new ArrayList<>();
    private long nextCallId = 1001;
    private int nextIdentId = 12;
    private boolean requireLinkedUnits;

    SandboxState(Clock clock, Random random) {
        this.clock = clock;
        this.random = random;
    }

    Instant now() {
        return clock.instant();
    }

    void setNextCallId(long nextCallId) {
        this.nextCallId = nextCallId;
    }

    void setRequireLinkedUnits(boolean requireLinkedUnits) {
        this.requireLinkedUnits = requireLinkedUnits;
    }

    // ---- units and links ----

    /**
     * The CAD identity for a unit id, or empty when strict linking is on and the unit has no linked
     * account. By default every unit id counts as a unit with an identifier.
     */
    Optional<Integer> resolveUnit(String unitId) {
        if (requireLinkedUnits && !accountLinks.containsKey(unitId)) {
            return Optional.empty();
        }
        return Optional.of(identIds.computeIfAbsent(unitId, id -> nextIdentId++));
    }

    /** A unit with an identifier that is on duty, so attach, detach and kick can act on it. */
    boolean loggedIn(String unitId) {
        return resolveUnit(unitId).isPresent() && !loggedOff.contains(unitId);
    }

    void logOff(String unitId) {
        loggedOff.add(unitId);
    }

    void logIn(String unitId) {
        loggedOff.remove(unitId);
    }

    /** The documented UNIT_STATUS code last set for the unit; 2 (available) until one is. */
    int unitStatus(String unitId) {
        return unitStatuses.getOrDefault(unitId, 2);
    }

    void setUnitStatus(String unitId, int status) {
        unitStatuses.put(unitId, status);
    }

    /** The profile set with {@link #setUnitProfile}, else callsign {@code U-<identId>} and the unit id as name. */
    UnitProfile unitProfile(String unitId, int identId) {
        return unitProfiles.getOrDefault(unitId, new UnitProfile("U-" + identId, unitId));
    }

    void setUnitProfile(String unitId, UnitProfile profile) {
        unitProfiles.put(unitId, profile);
    }

    boolean panicking(String unitId) {
        return panicking.contains(unitId);
    }

    void setPanic(String unitId, boolean panic) {
        if (panic) {
            panicking.add(unitId);
        } else {
            panicking.remove(unitId);
        }
    }

    Map<String, Integer> knownUnits() {
        return Map.copyOf(identIds);
    }

    void link(String communityUserId, String accountUuid) {
        accountLinks.put(communityUserId, accountUuid);
    }

    Optional<String> accountFor(String communityUserId) {
        return Optional.ofNullable(accountLinks.get(communityUserId));
    }

    LinkCode createLinkCode(String communityUserId) {
        dropExpiredCodes();
        linkCodesByCode.values().removeIf(code -> code.communityUserId().equals(communityUserId));
        String code;
        do {
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < 4; i++) {
                text.append(CODE_ALPHABET.charAt(random.nextInt(CODE_ALPHABET.length())));
            }
            code = text.toString();
        } while (linkCodesByCode.containsKey(code));
        LinkCode linkCode = new LinkCode(code, communityUserId, now().plus(LINK_CODE_LIFETIME));
        linkCodesByCode.put(code, linkCode);
        return linkCode;
    }

    Optional<LinkCode> liveCodeFor(String communityUserId) {
        dropExpiredCodes();
        return linkCodesByCode.values().stream().filter(c -> c.communityUserId().equals(communityUserId)).findFirst();
    }

    /** The user typed {@code code} into the CAD: links the code's communityUserId to the account. */
    String redeemCode(String code, String accountUuid) {
        dropExpiredCodes();
        LinkCode linkCode = linkCodesByCode.remove(code);
        if (linkCode == null) {
            throw new IllegalStateException("link code " + code + " is unknown or expired");
        }
        link(linkCode.communityUserId(), accountUuid);
        return linkCode.communityUserId();
    }

    private void dropExpiredCodes() {
        Instant now = now();
        linkCodesByCode.values().removeIf(code -> !code.expiresAt().isAfter(now));
    }

    // ---- calls ----

    StoredCall createCall(int serverId, NewCall spec, ApiGeneration createdBy) {
        StoredCall call = new StoredCall(nextCallId++, serverId, spec, createdBy, now());
        calls.put(call.callId, call);
        if (createdBy != null) {
            events.add(new SandboxEvent.CallCreated(call.created, createdBy, serverId, call.callId));
        }
        return call;
    }

    void mark911(long callId, Caller911 caller) {
        emergencyCalls.put(callId, caller);
    }

    /** The caller of a 911 call; empty for a dispatch call. */
    Optional<Caller911> caller911(long callId) {
        return Optional.ofNullable(emergencyCalls.get(callId));
    }

    /** The call if it exists on that server and is not closed. */
    Optional<StoredCall> openCall(int serverId, long callId) {
        StoredCall call = calls.get(callId);
        if (call == null || call.serverId != serverId || call.status == SandboxCall.CLOSED) {
            return Optional.empty();
        }
        return Optional.of(call);
    }

    /** Closes the call if it exists on that server; an already closed call counts as closed. */
    boolean close(ApiGeneration generation, int serverId, long callId) {
        StoredCall call = calls.get(callId);
        if (call == null || call.serverId != serverId) {
            return false;
        }
        call.status = SandboxCall.CLOSED;
        call.units.clear();
        call.updated = now();
        events.add(new SandboxEvent.CallClosed(now(), generation, serverId, callId));
        return true;
    }

    /** Appends a text note, as the calls answer shows notes: {time, label, type, content}. */
    void addNote(StoredCall call, String label, String content) {
        com.google.gson.JsonArray notes = call.notes.startsWith("[")
                ? com.google.gson.JsonParser.parseString(call.notes).getAsJsonArray() : new com.google.gson.JsonArray();
        com.google.gson.JsonObject note = new com.google.gson.JsonObject();
        note.addProperty("time", now().toString());
        note.addProperty("label", label);
        note.addProperty("type", "text");
        note.addProperty("content", content);
        notes.add(note);
        call.notes = notes.toString();
        call.updated = now();
    }

    void closeInCad(long callId) {
        StoredCall call = calls.get(callId);
        if (call == null) {
            throw new IllegalArgumentException("no call #" + callId);
        }
        call.status = SandboxCall.CLOSED;
        call.units.clear();
        call.updated = now();
    }

    void attachInCad(long callId, String unitId) {
        StoredCall call = calls.get(callId);
        if (call == null) {
            throw new IllegalArgumentException("no call #" + callId);
        }
        if (!call.units.contains(unitId)) {
            call.units.add(unitId);
        }
        call.updated = now();
    }

    void attach(ApiGeneration generation, StoredCall call, String unitId) {
        if (!call.units.contains(unitId)) {
            call.units.add(unitId);
        }
        call.updated = now();
        events.add(new SandboxEvent.Attachment(now(), generation, call.serverId, call.callId, unitId));
    }

    void detach(ApiGeneration generation, int serverId, String unitId) {
        Long fromCall = null;
        for (StoredCall call : calls.values()) {
            if (call.serverId == serverId && call.units.remove(unitId)) {
                call.updated = now();
                fromCall = call.callId;
            }
        }
        events.add(new SandboxEvent.Detachment(now(), generation, serverId, unitId, fromCall));
    }

    void kick(ApiGeneration generation, int serverId, String unitId, String reason) {
        events.add(new SandboxEvent.Kick(now(), generation, serverId, unitId, reason));
    }

    List<StoredCall> storedCalls() {
        return List.copyOf(calls.values());
    }

    Optional<StoredCall> storedCall(long callId) {
        return Optional.ofNullable(calls.get(callId));
    }

    List<SandboxEvent> events() {
        return List.copyOf(events);
    }

    void clearEvents() {
        events.clear();
    }
}
