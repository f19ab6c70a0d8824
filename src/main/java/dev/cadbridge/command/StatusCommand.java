package dev.cadbridge.command;

import dev.cadbridge.config.ConfigLoader;
import dev.cadbridge.dispatch.DispatcherStatus;
import dev.cadbridge.platform.CommandSource;
import dev.cadbridge.sonoran.OperationType;
import dev.cadbridge.storage.StorageStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import net.kyori.adventure.text.Component;
import net.kyori.adventure.text.format.NamedTextColor;

/** {@code /cad status}: the dispatcher's state, storage and identity counts. Shows no secret (no key, no password). */
final class StatusCommand implements Subcommand {
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
        // Counting would wait for the database; status is most needed exactly when it does not answer.
        if (storage.isPresent() && !storage.get().schemaReady()) {
            lines(status, storage, online, "unknown (storage not ready)").forEach(sender::sendMessage);
            return;
        }
        if (storage.isPresent() && storage.get().connection() == StorageStatus.Connection.UNAVAILABLE) {
            lines(status, storage, online, "unknown (storage unavailable)").forEach(sender::sendMessage);
            return;
        }
        services.identities().storedCount().whenComplete((stored, error) -> {
            if (error != null) {
                services.platform().logger().log(Level.WARNING, "Could not count stored identities", error);
            }
            List<Component> lines = lines(status, storage, online, error == null ? String.valueOf(stored) : "unknown (storage error)");
            Replies.later(services.platform(), sender, to -> lines.forEach(to::sendMessage));
        });
    }

    List<Component> lines(DispatcherStatus status, Optional<StorageStatus> storage, int online, String stored) {
        List<Component> lines = new ArrayList<>();
        lines.add(Component.text("CadBridge status", NamedTextColor.GOLD));
        lines.add(line("API", status.generation().name().toLowerCase(Locale.ROOT) + " at " + status.baseUrl()));
        services.cad().unavailableReason().ifPresent(reason -> lines.add(line("Not connected", reason)));
        String circuit = status.circuit() == DispatcherStatus.CircuitState.CLOSED
                ? "closed (requests flow)"
                : "open: " + (status.circuitReason() == null ? "no reason given" : status.circuitReason());
        lines.add(line("Circuit", circuit));
        lines.add(line("Last success", when(status.lastSuccess())));
        DispatcherStatus.LastFailure failure = status.lastFailure();
        lines.add(line("Last failure", failure == null ? "none"
                : when(failure.at()) + " " + failure.kind() + ": " + failure.message()
                        + (failure.traceId() == null || failure.traceId().isBlank() ? "" : " (trace id " + failure.traceId() + ")")));
        lines.add(line("Queued", perType(status.queueDepth())));
        if (status.disabledTypes() != null && !status.disabledTypes().isEmpty()) {
            lines.add(line("Disabled", perType(status.disabledTypes())));
        }
        DispatcherStatus.Counters counters = status.counters();
        if (counters != null) {
            lines.add(line("Totals", counters.requests() + " requests in " + counters.batches() + " batches, "
                    + counters.delivered() + " delivered, " + counters.failed() + " failed, " + counters.expired()
                    + " expired, " + counters.rateLimited() + " rate-limited"));
        }
        lines.addAll(storageLines(storage));
        lines.add(line("Identities", online + " online players cached, " + stored + " stored"));
        int problems = services.admin().configProblems().size();
        lines.add(line("Config", problems == 0 ? "no problems" : problems + " wrong value(s), see /cad reload"));
        return lines;
    }

    private static List<Component> storageLines(Optional<StorageStatus> storage) {
        if (storage.isEmpty()) {
            return List.of(line("Storage", "none; identities are kept in memory and unsent operations are lost at shutdown"));
        }
        StorageStatus status = storage.get();
        String state = status.backend().name().toLowerCase(Locale.ROOT) + ", " + status.connection().name().toLowerCase(Locale.ROOT)
                + ", schema " + (status.schemaReady() ? "ready" : "not ready yet") + ", backlog " + status.backlog()
                + (status.notPersisted() > 0 ? ", " + status.notPersisted() + " operation(s) sent without being saved (backlog was full)" : "");
        return List.of(
                line("Storage", state),
                line("Storage at", status.target()),
                line("Storage error", status.lastError() == null ? "none" : when(status.lastErrorAt()) + " " + status.lastError()));
    }

    private static String perType(Map<OperationType, ?> values) {
        if (values == null || values.isEmpty()) {
            return "none";
        }
        List<String> parts = new ArrayList<>();
        for (OperationType type : OperationType.values()) {
            if (values.containsKey(type)) {
                parts.add(ConfigLoader.operationKey(type) + " " + values.get(type));
            }
        }
        return String.join(", ", parts);
    }

    private static String when(Instant instant) {
        return instant == null ? "never" : instant.toString();
    }

    private static Component line(String label, String value) {
        return Component.text(label + ": ", NamedTextColor.GRAY).append(Component.text(value, NamedTextColor.WHITE));
    }

    @Override
    public List<String> complete(CommandSource sender, List<String> args) {
        return List.of();
    }
}
