package dev.cadbridge.core;

import dev.cadbridge.config.CadBridgeConfig;
import dev.cadbridge.config.QuitAction;
import dev.cadbridge.outbound.CadDispatcher;
import dev.cadbridge.platform.DebugLog;
import dev.cadbridge.sonoran.CadOperation;
import dev.cadbridge.sonoran.CadResult;
import dev.cadbridge.sonoran.DetachUnits;
import dev.cadbridge.sonoran.InvalidOperationException;
import dev.cadbridge.sonoran.KickUnit;
import dev.cadbridge.sonoran.OperationLimits;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import java.util.logging.Logger;

/** Tells the CAD, as quit.action says, that players left: one at a time, or all at once when the server stops. */
final class QuitHandler {
    private final Supplier<CadBridgeConfig> config;
    private final Supplier<CadDispatcher> dispatcher;
    private final Logger logger;
    private final DebugLog debug;

    QuitHandler(Supplier<CadBridgeConfig> config, Supplier<CadDispatcher> dispatcher, Logger logger, DebugLog debug) {
        this.config = config;
        this.dispatcher = dispatcher;
        this.logger = logger;
        this.debug = debug;
    }

    void playerLeft(String cadId, String name) {
        submit(List.of(cadId), name);
    }

    /**
     * The server is stopping: Paper disables plugins before it disconnects players, so no quit event
     * will come. All their units go in one detach, or kicks queued together, which the dispatcher
     * sends as one request.
     */
    void serverStopping(List<String> cadIds) {
        if (cadIds.isEmpty() || config.get().quitAction() == QuitAction.NONE) {
            return;
        }
        logger.info("The server is stopping: telling the CAD that " + cadIds.size() + " online player(s) left (quit.action: "
                + config.get().quitAction().name().toLowerCase(Locale.ROOT) + ").");
        submit(cadIds, cadIds.size() + " player(s) at server stop");
    }

    /**
     * Sends quit.action for these units: detaches of up to the per-operation unit limit, or one kick
     * each, queued at once so that the dispatcher merges them into as few requests as it may.
     */
    private void submit(List<String> cadIds, String who) {
        CadBridgeConfig current = config.get();
        try {
            List<CadOperation> operations = switch (current.quitAction()) {
                case NONE -> List.of();
                case DETACH -> {
                    List<CadOperation> detaches = new ArrayList<>();
                    for (int from = 0; from < cadIds.size(); from += OperationLimits.MAX_UNITS_PER_OPERATION) {
                        detaches.add(new DetachUnits(cadIds.subList(from, Math.min(cadIds.size(), from + OperationLimits.MAX_UNITS_PER_OPERATION))));
                    }
                    yield detaches;
                }
                case KICK -> {
                    List<CadOperation> kicks = new ArrayList<>();
                    for (String cadId : cadIds) {
                        kicks.add(new KickUnit(cadId, current.quitKickReason()));
                    }
                    yield kicks;
                }
            };
            List<CompletableFuture<CadResult>> results = dispatcher.get().submitAll(operations);
            for (int i = 0; i < operations.size(); i++) {
                CadOperation operation = operations.get(i);
                results.get(i).whenComplete((result, error) -> {
                    if (error != null || !(result instanceof CadResult.Delivered)) {
                        debug.log(() -> "Quit " + operation.type() + " for " + who + " was not delivered: "
                                + (error != null ? error : result));
                    }
                });
            }
        } catch (InvalidOperationException e) {
            logger.warning("Not telling the CAD that " + who + " left: " + e.getMessage());
        }
    }
}
