package dev.cadbridge.core;

import dev.cadbridge.config.CadBridgeConfig;
import dev.cadbridge.config.CredentialBanner;
import dev.cadbridge.config.LoadedConfig;
import dev.cadbridge.outbound.DispatcherSettings;
import dev.cadbridge.outbound.PendingOperation;
import dev.cadbridge.platform.Platform;
import dev.cadbridge.storage.ReplayReport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The one connection to the CAD that matches the loaded configuration. Its states: none yet;
 * working (opened once, then reconfigured in place so queued work is kept); or unavailable, with a
 * reason, while a working one it replaced drains off the server thread and hands its leftovers to
 * storage and to the next working connection. The first working connection replays what earlier
 * runs left in the outbox. Server thread unless noted.
 */
final class CurrentConnection {
    /**
     * How much longer than its shutdown timeout closing a dispatcher can take: after draining for
     * the timeout, SonoranDispatcher waits up to 2 s for its worker to stop; one more second covers
     * handing the leftovers to storage.
     */
    static final Duration CLOSE_BEYOND_SHUTDOWN_TIMEOUT = Duration.ofSeconds(3);

    private final Platform platform;
    private final CadConnectionFactory factory;
    private final PluginStorage storage;
    private final Logger logger;

    private volatile CadConnection connection;
    private volatile String unavailableReason;
    private DispatcherSettings openedWith;
    private boolean replayStarted;
    /** A connection switched off by /cad reload, draining off the server thread. */
    private volatile CompletableFuture<Void> standingDown = CompletableFuture.completedFuture(null);
    /** How long that drain can take in all. */
    private volatile Duration standingDownFor = Duration.ZERO;
    /**
     * What a connection switched off by /cad reload handed back, waiting for the next working
     * connection of this run. Storage holds them too, for the next start should none come.
     */
    private final Queue<PendingOperation> setAside = new ConcurrentLinkedQueue<>();

    CurrentConnection(Platform platform, CadConnectionFactory factory, PluginStorage storage, Logger logger) {
        this.platform = platform;
        this.factory = factory;
        this.storage = storage;
        this.logger = logger;
    }

    CadConnection get() {
        return connection;
    }

    /** Why the CAD cannot be reached with the current configuration; null when it can. Any thread. */
    String unavailableReason() {
        return unavailableReason;
    }

    /** The dispatcher settings of the first working connection: changing them needs a restart. */
    DispatcherSettings openedWith() {
        return openedWith;
    }

    /** Opens, reconfigures or stands down the connection to match {@code loaded}. */
    void match(LoadedConfig loaded) {
        CadBridgeConfig current = loaded.config();
        boolean haveRealConnection = connection != null && !(connection instanceof UnavailableConnection);
        if (loaded.sonoran().isEmpty()) {
            standDown(loaded.connectionProblem(), current);
            return;
        }
        try {
            if (haveRealConnection) {
                connection.reconfigure(loaded.sonoran().get());
            } else {
                connection = factory.open(loaded.sonoran().get(), current.dispatcher(), storage.outbox());
                openedWith = current.dispatcher();
            }
            unavailableReason = null;
            reportCredentials(connection);
            replayOutboxOnce();
            resubmitSetAside();
        } catch (RuntimeException e) {
            logger.log(Level.SEVERE, "The CAD client could not start", e);
            standDown("the CAD client could not start: " + e.getMessage(), current);
        }
    }

    /**
     * Closes the connection for shutdown, after a switched-off one has handed its leftovers to
     * storage; returns what could not be sent.
     */
    List<PendingOperation> close(Duration shutdownTimeout) {
        List<PendingOperation> unsent = connection == null ? List.of() : connection.close(shutdownTimeout);
        awaitStandingDown();
        return unsent;
    }

    /** Sends what earlier runs left in the outbox, through the first real connection of this run. */
    private void replayOutboxOnce() {
        if (replayStarted) {
            return;
        }
        replayStarted = true;
        storage.replay(connection.dispatcher()).whenComplete((report, error) -> {
            if (error != null) {
                logger.log(Level.WARNING, "Could not send the operations saved by the last run; they stay stored for the next start", error);
            } else if (!report.resubmitted().isEmpty() || !report.expired().isEmpty() || !report.outcomeUnknown().isEmpty()) {
                logger.info(replaySummary(report));
            }
        });
    }

    /** Hands work a switched-off connection gave back to the working one. Server thread. */
    private void resubmitSetAside() {
        if (unavailableReason != null) {
            return;
        }
        int count = 0;
        PendingOperation next;
        while ((next = setAside.poll()) != null) {
            connection.dispatcher().resubmit(next);
            count++;
        }
        if (count > 0) {
            logger.info(count + " CAD operation(s) set aside when the connection was switched off were resubmitted.");
        }
    }

    static String replaySummary(ReplayReport report) {
        List<String> parts = new ArrayList<>();
        if (!report.resubmitted().isEmpty()) {
            parts.add(report.resubmitted().size() + " resubmitted");
        }
        if (!report.expired().isEmpty()) {
            parts.add(report.expired().size() + " expired");
        }
        if (!report.outcomeUnknown().isEmpty()) {
            parts.add(report.outcomeUnknown().size() + " outcome unknown");
        }
        return "Saved CAD operations from the last run: " + String.join(", ", parts) + ".";
    }

    /** Asks the CAD once whether it accepts the key, and tells the owner plainly when it does not. */
    private void reportCredentials(CadConnection checked) {
        checked.checkCredentials().whenComplete((check, error) -> {
            if (error != null || check == null) {
                return;
            }
            switch (check.result()) {
                case OK -> logger.info("Connected to Sonoran CAD" + (check.message() == null || check.message().isBlank()
                        ? "." : " (" + check.message() + ")."));
                case REJECTED -> logger.severe(CredentialBanner.rejected(platform.configFileLocation(), check.message(), check.traceId()));
                case UNREACHABLE -> logger.warning("Sonoran CAD could not be reached to check the API key: " + check.message()
                        + ". CadBridge keeps queued work and retries.");
                case NOT_CHECKABLE -> { }
            }
        });
    }

    private void standDown(String reason, CadBridgeConfig current) {
        CadConnection previous = connection;
        connection = new UnavailableConnection(reason, current.generation(), current.baseUrl().toString());
        unavailableReason = reason;
        if (previous != null && !(previous instanceof UnavailableConnection)) {
            CompletableFuture<Void> drained = new CompletableFuture<>();
            standingDown = drained;
            standingDownFor = current.shutdownTimeout().plus(CLOSE_BEYOND_SHUTDOWN_TIMEOUT);
            // Draining may wait on the network: never on the server thread.
            platform.runAsync(() -> {
                try {
                    List<PendingOperation> unsent = previous.close(current.shutdownTimeout());
                    if (unsent.isEmpty()) {
                        return;
                    }
                    // Handed back without a finished callback: their outbox rows stay, owned by this run,
                    // until the next working connection finishes them or the next start replays them.
                    storage.keepForNextStart(unsent);
                    setAside.addAll(unsent);
                    logger.warning(unsent.size() + " queued CAD operation(s) were not sent because the CAD connection was switched off; "
                            + (storage.keepsOperations() ? "saved, will be sent when a working connection is back or after the next start."
                                    : "kept in memory, will be sent if a working connection is back before the server stops."));
                    // A reload may have opened a working connection while this one drained.
                    platform.runOnMain(this::resubmitSetAside);
                } finally {
                    drained.complete(null);
                }
            });
        }
    }

    /** Lets a connection switched off just before disable hand its leftovers to storage before it closes. */
    private void awaitStandingDown() {
        try {
            standingDown.get(standingDownFor.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            logger.warning("The CAD connection switched off by the last reload was still draining at shutdown; its unsent operations may be lost.");
        }
    }
}
