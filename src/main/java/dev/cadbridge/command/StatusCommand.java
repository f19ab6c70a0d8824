package dev.cadbridge.command;

import dev.cadbridge.config.ConfigLoader;
import dev.cadbridge.config.Message;
import dev.cadbridge.config.Messages;
import dev.cadbridge.live.LiveStatus;
import dev.cadbridge.outbound.DispatcherStatus;
import dev.cadbridge.platform.CommandSource;
import dev.cadbridge.sonoran.ApiGeneration;
import dev.cadbridge.sonoran.FailureKind;
import dev.cadbridge.sonoran.OperationType;
import dev.cadbridge.sonoran.Route;
import dev.cadbridge.network.NetworkStatus;
import dev.cadbridge.storage.StorageStatus;
import dev.cadbridge.storage.StorageType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Level;
import net.kyori.adventure.text.Component;

/**
 * {@code /cad status}: one line per concern, what matters first (is the CAD taking work, what is
 * queued, the last failure with its trace id), then storage, identities and config. Times are
 * relative to the injected clock. Players read it in colour with a hint next to anything wrong;
 * the console gets the same words without colour. Shows no secret (no key, no password).
 */
final class StatusCommand implements Subcommand {
    /** Failure kinds that mean the request did not reach the CAD or got no answer; the dispatcher retries them. */
    private static final Set<String> UNREACHED = Set.of("CONNECTION", "TIMEOUT");
    private static final String SERVER_ERROR = "SERVER_ERROR";
    private static final String RATE_LIMITED = "RATE_LIMITED";

    private final CommandServices services;

    StatusCommand(CommandServices services) {
        this.services = services;
    }

    @Override
    public String name() {
        return "status";
    }

    @Override
    public String usage() {
        return "/cad status";
    }

    @Override
    public String description() {
        return "show the connection to the CAD, queues and the last error";
    }

    @Override
    public boolean canUse(CommandSource sender) {
        return sender.hasPermission(Permissions.ADMIN_STATUS);
    }

    @Override
    public void run(CommandSource sender, List<String> args) {
        DispatcherStatus status = services.cad().dispatcher().status();
        Optional<StorageStatus> storage = services.admin().storageStatus();
        int online = services.identities().onlineCount();
        Instant now = services.clock().instant();
        // Counting would wait for the database; status is most needed exactly when it does not answer.
        if (storage.isPresent() && !storage.get().schemaReady()) {
            send(sender, lines(status, storage, online, "unknown (storage not ready)", now));
            return;
        }
        if (storage.isPresent() && storage.get().connection() == StorageStatus.Connection.UNAVAILABLE) {
            send(sender, lines(status, storage, online, "unknown (storage unavailable)", now));
            return;
        }
        services.identities().storedCount().whenComplete((stored, error) -> {
            if (error != null) {
                services.platform().logger().log(Level.WARNING, "Could not count stored identities", error);
            }
            List<StatusLine> lines = lines(status, storage, online, error == null ? String.valueOf(stored) : "unknown (storage error)", now);
            Replies.later(services.platform(), sender, to -> send(to, lines));
        });
    }

    /** Players in the colours of the status-* messages; the console and other plugins the plain words. */
    private void send(CommandSource to, List<StatusLine> lines) {
        Messages messages = services.messages();
        boolean inColour = to.asPlayer().isPresent();
        List<Component> shown = new ArrayList<>();
        shown.add(messages.bare(Message.STATUS_HEADER));
        lines.forEach(line -> shown.add(line.render(messages)));
        shown.forEach(line -> to.sendMessage(inColour ? line : StatusLine.plain(line)));
    }

    private List<StatusLine> lines(DispatcherStatus status, Optional<StorageStatus> storage, int online, String stored, Instant now) {
        List<StatusLine> lines = new ArrayList<>();
        StatusLine cad = cad(status, now);
        lines.add(cad);
        lines.add(queued(status, cad.tone() == StatusLine.Tone.BAD));
        if (status.disabledTypes() != null && !status.disabledTypes().isEmpty()) {
            lines.add(StatusLine.bad("Disabled", perType(status.disabledTypes(), ": ", "; "),
                    "your CAD plan does not include this; after upgrading run /cad reload"));
        }
        lines.add(lastFailure(status, now));
        lines.add(live(services.admin().liveStatus(), services.admin().liveOffReason(), now));
        lines.add(storage(storage, now));
        services.admin().networkStatus().ifPresent(network -> lines.addAll(network(network, now)));
        lines.add(StatusLine.info("Identities", online + " online " + (online == 1 ? "player" : "players") + " cached, " + stored + " stored"));
        lines.add(config());
        DispatcherStatus.Counters counters = status.counters();
        if (counters != null) {
            lines.add(StatusLine.info("Totals", counters.requests() + " requests (" + counters.batches() + " batched), operations: "
                    + counters.delivered() + " delivered, " + counters.failed() + " failed, " + counters.expired()
                    + " expired; rate-limited " + counters.rateLimited() + (counters.rateLimited() == 1 ? " time" : " times")));
        }
        lines.add(StatusLine.info("API", status.generation().name().toLowerCase(Locale.ROOT) + " at " + status.baseUrl()));
        return lines;
    }

    /** Whether work reaches the CAD, and if not, why and what to do. */
    private StatusLine cad(DispatcherStatus status, Instant now) {
        String configFile = services.platform().configFileLocation();
        Optional<String> notConnected = services.cad().unavailableReason();
        if (notConnected.isPresent()) {
            return StatusLine.bad("CAD", "not connected: " + notConnected.get(), "fix that, then /cad reload");
        }
        if (status.circuit() == DispatcherStatus.CircuitState.OPEN) {
            String settings = status.generation() == ApiGeneration.V1
                    ? "sonoran.api-key, sonoran.community-id and sonoran.server-id"
                    : "sonoran.api-key and sonoran.server-id";
            return StatusLine.bad("CAD", "circuit open, nothing is sent: "
                            + (status.circuitReason() == null ? "no reason given" : status.circuitReason()),
                    "check " + settings + " in " + configFile + ", then /cad reload");
        }
        Instant lastSuccess = status.lastSuccess();
        String sinceSuccess = lastSuccess == null ? "" : "; last success " + RelativeTime.ago(lastSuccess, now);
        DispatcherStatus.LastFailure failure = status.lastFailure();
        boolean failedSinceSuccess = failure != null && failure.at() != null
                && (lastSuccess == null || failure.at().isAfter(lastSuccess));
        if (failedSinceSuccess) {
            String attempt = "the last attempt " + RelativeTime.ago(failure.at(), now) + " failed (" + failure.kind() + ")";
            if (UNREACHED.contains(failure.kind())) {
                return StatusLine.bad("CAD", "not answering, " + attempt + sinceSuccess,
                        "CadBridge keeps retrying; check that this server can reach " + status.baseUrl());
            }
            if (SERVER_ERROR.equals(failure.kind())) {
                return StatusLine.bad("CAD", "failing on its side, " + attempt + sinceSuccess,
                        "CadBridge keeps retrying; if it lasts, give Sonoran support the trace id below");
            }
            if (RATE_LIMITED.equals(failure.kind())) {
                return StatusLine.warning("CAD", "connected, slowed down by the CAD's rate limit "
                        + RelativeTime.ago(failure.at(), now) + sinceSuccess, "CadBridge waits as the CAD asks and then sends the rest");
            }
            if (FailureKind.UNEXPECTED_RESPONSE.name().equals(failure.kind())) {
                return StatusLine.warning("CAD", "answering in a way CadBridge does not understand, " + attempt + sinceSuccess,
                        "check sonoran.base-url and sonoran.api-generation in " + configFile + ", then /cad reload");
            }
        }
        if (lastSuccess != null) {
            return StatusLine.good("CAD", "connected, last success " + RelativeTime.ago(lastSuccess, now));
        }
        if (failure != null) {
            return StatusLine.good("CAD", "connected, nothing delivered yet; the CAD last answered " + RelativeTime.ago(failure.at(), now));
        }
        // The start-up key check does not count here: until something is sent, it is not known to work.
        return StatusLine.info("CAD", "nothing sent yet");
    }

    /** The live session with the CAD's hub: events in, live map out. */
    private static StatusLine live(LiveStatus live, String offReason, Instant now) {
        if (live.state() == LiveStatus.State.OFF) {
            return StatusLine.info("Live", offReason);
        }
        String lastError = live.lastError() == null ? ""
                : "; last error " + RelativeTime.ago(live.lastErrorAt(), now) + ": " + live.lastError();
        String traffic = "last event " + RelativeTime.ago(live.lastEventAt(), now) + ", " + live.eventsReceived()
                + (live.eventsReceived() == 1 ? " event" : " events") + ", " + live.reconnects()
                + (live.reconnects() == 1 ? " reconnect" : " reconnects") + ", " + live.units()
                + (live.units() == 1 ? " unit" : " units") + " known"
                + (live.wrongKey() == 0 ? "" : ", " + live.wrongKey() + " with a wrong key dropped");
        return switch (live.state()) {
            case CONNECTED -> live.wrongKey() == 0
                    ? StatusLine.good("Live", "connected since " + RelativeTime.ago(live.since(), now) + "; " + traffic + lastError)
                    : StatusLine.warning("Live", "connected since " + RelativeTime.ago(live.since(), now) + "; " + traffic + lastError,
                            "events signed with another key were ignored; if the API key was regenerated, update sonoran.api-key");
            case CONNECTING -> StatusLine.info("Live", "connecting since " + RelativeTime.ago(live.since(), now));
            case RECONNECTING -> StatusLine.bad("Live", "not connected since " + RelativeTime.ago(live.since(), now) + "; " + traffic + lastError,
                    "CadBridge keeps reconnecting by itself; players' links are checked by polling meanwhile");
            case REFUSED -> StatusLine.bad("Live", live.lastError() == null ? "refused by the CAD" : live.lastError(),
                    "check sonoran.api-key, sonoran.community-id and sonoran.server-id, then /cad reload");
            case STOPPED, OFF -> StatusLine.info("Live", "stopped");
        };
    }

    private static StatusLine queued(DispatcherStatus status, boolean cadNotTakingWork) {
        Map<OperationType, Integer> depth = status.queueDepth() == null ? Map.of() : status.queueDepth();
        int total = depth.values().stream().mapToInt(Integer::intValue).sum();
        if (total == 0) {
            return StatusLine.good("Queued", "none");
        }
        Map<OperationType, Integer> waiting = new EnumMap<>(OperationType.class);
        depth.forEach((type, count) -> {
            if (count > 0) {
                waiting.put(type, count);
            }
        });
        String value = total + " (" + perType(waiting, " ", ", ") + ")";
        return cadNotTakingWork
                ? StatusLine.warning("Queued", value, "sent once the CAD takes them, unless their deadline passes first")
                : StatusLine.info("Queued", value);
    }

    private static StatusLine lastFailure(DispatcherStatus status, Instant now) {
        DispatcherStatus.LastFailure failure = status.lastFailure();
        if (failure == null) {
            return StatusLine.good("Last failure", "none");
        }
        String value = RelativeTime.ago(failure.at(), now) + ", " + failure.kind() + ": " + failure.message()
                + (failure.traceId() == null || failure.traceId().isBlank() ? "" : " (trace id " + failure.traceId() + ")");
        boolean deliveredSince = status.lastSuccess() != null && failure.at() != null && status.lastSuccess().isAfter(failure.at());
        return deliveredSince
                ? StatusLine.info("Last failure", value + "; delivered fine since")
                : StatusLine.warning("Last failure", value, null);
    }

    private static StatusLine storage(Optional<StorageStatus> storage, Instant now) {
        if (storage.isEmpty()) {
            return StatusLine.info("Storage", "none; identities are kept in memory and unsent operations are lost at shutdown");
        }
        StorageStatus status = storage.get();
        StringBuilder facts = new StringBuilder(status.target());
        if (status.connection() == StorageStatus.Connection.REACHABLE) {
            facts.append(status.schemaReady() ? ", schema ready" : ", preparing the schema");
        }
        if (status.backlog() > 0) {
            facts.append(", ").append(status.backlog()).append(" change(s) waiting to be written");
        }
        if (status.notPersisted() > 0) {
            facts.append(", ").append(status.notPersisted()).append(" operation(s) sent without being saved (the backlog was full)");
        }
        if (status.lastError() != null) {
            facts.append("; last error ").append(RelativeTime.ago(status.lastErrorAt(), now)).append(": ").append(status.lastError());
        }
        return switch (status.connection()) {
            case UNAVAILABLE -> StatusLine.bad("Storage", "unreachable: " + facts, (status.backend() == StorageType.H2
                    ? "check the disk and that no other server uses this file"
                    : "check that the database is running and the storage: settings")
                    + "; CadBridge reconnects by itself, and CAD operations still go out meanwhile");
            case CONNECTING -> StatusLine.warning("Storage", "connecting: " + facts, null);
            case REACHABLE -> status.schemaReady() && status.notPersisted() == 0
                    ? StatusLine.good("Storage", "reachable: " + facts)
                    : StatusLine.warning("Storage", "reachable: " + facts, null);
        };
    }

    /** Network mode: who sends for the servers on this database, what waits, and the budget they share. */
    private static List<StatusLine> network(NetworkStatus network, Instant now) {
        if (!network.on()) {
            return List.of(StatusLine.info("Network", "off; no other server has used this database yet (network.enabled: auto)"));
        }
        List<StatusLine> lines = new ArrayList<>();
        String servers = network.serverNames() + (network.serverNames() == 1 ? " server" : " servers");
        String queue = network.queued().isEmpty() ? "network queue empty"
                : "network queue " + perType(network.queued(), " ", ", ");
        String failover = network.tookOverFrom() == null || network.senderSince() == null ? ""
                : "; last failover " + RelativeTime.ago(network.senderSince(), now) + ", from " + network.tookOverFrom();
        if (network.sender() == null) {
            lines.add(StatusLine.warning("Network", "no server sends for the " + servers + " right now; " + queue,
                    "another server takes over within seconds; if it lasts, check that the database is reachable"));
        } else {
            String who = network.thisServerSends() ? "this server (" + network.serverName() + ")" : network.sender();
            String since = network.senderSince() == null ? "" : " since " + RelativeTime.ago(network.senderSince(), now);
            lines.add(StatusLine.good("Network", who + " sends for " + servers + since + failover + "; " + queue));
        }
        if (network.serverIds().size() > 1) {
            lines.add(StatusLine.warning("Network", "the servers use different sonoran.server-id values " + network.serverIds()
                    + "; the sender sends everything as its own",
                    "give every server of the network the same sonoran.server-id"));
        }
        if (network.sameNameRuns() > 0) {
            lines.add(StatusLine.warning("Network", "another CadBridge is running with storage.server-name " + network.serverName(),
                    "give every server its own storage.server-name"));
        }
        Map<OperationType, Integer> budget = new EnumMap<>(OperationType.class);
        for (OperationType type : OperationType.values()) {
            if (type.route().kind() != Route.Kind.PROBE) {
                budget.put(type, type.route().limitPerMinute());
            }
        }
        DispatcherStatus sending = network.sending();
        String used = sending == null || sending.counters() == null ? ""
                : "; sent " + sending.counters().requests() + (sending.counters().requests() == 1 ? " request" : " requests")
                        + ", rate-limited " + sending.counters().rateLimited()
                        + (sending.counters().rateLimited() == 1 ? " time" : " times");
        lines.add(StatusLine.info("Shared budget", "per minute for the whole network: " + perType(budget, " ", ", ") + used));
        return lines;
    }

    private StatusLine config() {
        int problems = services.admin().configProblems().size();
        List<String> restart = services.admin().sectionsNeedingRestart();
        if (problems == 0 && restart.isEmpty()) {
            return StatusLine.good("Config", "no problems");
        }
        List<String> facts = new ArrayList<>();
        List<String> hints = new ArrayList<>();
        if (problems > 0) {
            facts.add(problems + " wrong value(s), safe defaults are used");
            hints.add("/cad reload lists them");
        }
        if (!restart.isEmpty()) {
            facts.add("changes under " + String.join(", ", restart) + " wait for a restart");
            hints.add("restart the server to apply them");
        }
        return StatusLine.warning("Config", String.join("; ", facts), String.join("; ", hints));
    }

    private static String perType(Map<OperationType, ?> values, String between, String separator) {
        List<String> parts = new ArrayList<>();
        for (OperationType type : OperationType.values()) {
            if (values.containsKey(type)) {
                parts.add(ConfigLoader.operationKey(type) + between + values.get(type));
            }
        }
        return String.join(separator, parts);
    }

    @Override
    public List<String> complete(CommandSource sender, List<String> args) {
        return List.of();
    }
}
