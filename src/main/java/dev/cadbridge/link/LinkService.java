package dev.cadbridge.link;

import dev.cadbridge.identity.BindOutcome;
import dev.cadbridge.identity.IdentityService;
import dev.cadbridge.identity.IdentitySource;
import dev.cadbridge.identity.LinkState;
import dev.cadbridge.platform.TaskHandle;
import dev.cadbridge.sonoran.CadLinks;
import dev.cadbridge.sonoran.CadRequestException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The v2 link-code flow: check whether the player is already linked, otherwise ask the CAD for a
 * code, show it, and check back every poll interval until the player used it or it expired.
 * One flow per player at a time; asking again while one runs shows the same code.
 */
public final class LinkService {
    private final Logger logger;
    private final Supplier<CadLinks> links;
    private final IdentityService identities;
    private final Clock clock;
    /** Schedules a task on the server thread after a delay. */
    private final BiFunction<Runnable, Duration, TaskHandle> scheduler;
    private final Map<UUID, Flow> flows = new ConcurrentHashMap<>();
    private volatile LinkSettings settings;

    public LinkService(Supplier<CadLinks> links, IdentityService identities, LinkSettings settings, Clock clock,
                       BiFunction<Runnable, Duration, TaskHandle> scheduler, Logger logger) {
        this.logger = logger;
        this.links = links;
        this.identities = identities;
        this.settings = settings;
        this.clock = clock;
        this.scheduler = scheduler;
    }

    public void updateSettings(LinkSettings newSettings) {
        this.settings = newSettings;
    }

    private final class Flow {
        final UUID playerId;
        final String name;
        final String cadId;
        final LinkProgress progress;
        volatile CadLinks.LinkCode code;
        volatile TaskHandle nextPoll = TaskHandle.NONE;
        /** Set by whoever confirms first: a poll and a push event may both say "linked". */
        final AtomicBoolean confirming = new AtomicBoolean();

        Flow(UUID playerId, String name, String cadId, LinkProgress progress) {
            this.playerId = playerId;
            this.name = name;
            this.cadId = cadId;
            this.progress = progress;
        }

        boolean current() {
            return flows.get(playerId) == this;
        }

        void finish() {
            flows.remove(playerId, this);
            nextPoll.cancel();
        }
    }

    public boolean inProgress(UUID playerId) {
        return flows.containsKey(playerId);
    }

    /** Starts linking; when a flow already runs, shows its code again (or says it is still checking). */
    public void start(UUID playerId, String name, LinkProgress progress) {
        Flow flow = new Flow(playerId, name, identities.cadIdOf(playerId, name), progress);
        Flow running = flows.putIfAbsent(playerId, flow);
        if (running != null) {
            CadLinks.LinkCode code = running.code;
            if (code != null) {
                progress.codeIssued(code);
            } else {
                progress.checking();
            }
            return;
        }
        progress.checking();
        links.get().checkLink(flow.cadId).whenComplete((check, error) -> {
            if (!flow.current()) {
                return;
            }
            if (error != null && !(cause(error) instanceof CadRequestException)) {
                fail(flow, error);
            } else if (error != null) {
                // As in Sonoran's own game resource, a check that failed means "not linked yet": asking
                // for a code goes on, and if the CAD really cannot be reached that request says so.
                requestCode(flow);
            } else if (check.linked()) {
                confirm(flow, check.accountUuid(), true);
            } else {
                requestCode(flow);
            }
        });
    }

    /**
     * The CAD says {@code communityUserId} finished linking (a live push event): the player whose
     * flow waits for that id is linked now, without waiting for the next poll. False when no flow
     * waits for it.
     */
    public boolean verified(String communityUserId, String accountUuid) {
        for (Flow flow : flows.values()) {
            if (flow.cadId.equals(communityUserId) && flow.code != null) {
                flow.nextPoll.cancel();
                confirm(flow, accountUuid, false);
                return true;
            }
        }
        return false;
    }

    /** The player left: stop polling for them. */
    public void cancel(UUID playerId) {
        Flow flow = flows.get(playerId);
        if (flow != null) {
            flow.finish();
        }
    }

    public void cancelAll() {
        flows.values().forEach(Flow::finish);
    }

    private void requestCode(Flow flow) {
        links.get().createLink(flow.cadId).whenComplete((code, error) -> {
            if (!flow.current()) {
                return;
            }
            if (error != null) {
                fail(flow, error);
                return;
            }
            flow.code = code;
            flow.progress.codeIssued(code);
            schedulePoll(flow);
        });
    }

    private void schedulePoll(Flow flow) {
        flow.nextPoll = scheduler.apply(() -> poll(flow), settings.pollInterval());
    }

    private void poll(Flow flow) {
        if (!flow.current()) {
            return;
        }
        links.get().checkLink(flow.cadId).whenComplete((check, error) -> {
            if (!flow.current()) {
                return;
            }
            if (error == null && check.linked()) {
                confirm(flow, check.accountUuid(), false);
            } else if (!clock.instant().isBefore(flow.code.expiresAt())) {
                flow.finish();
                flow.progress.expired();
            } else {
                // A failed check is retried at the next interval: the code is still valid.
                schedulePoll(flow);
            }
        });
    }

    private void confirm(Flow flow, String accountUuid, boolean wasAlreadyLinked) {
        if (!flow.confirming.compareAndSet(false, true)) {
            return;
        }
        identities.bind(flow.playerId, flow.name, flow.cadId, IdentitySource.SELF_LINKED, LinkState.LINKED, accountUuid)
                .whenComplete((outcome, error) -> {
                    flow.finish();
                    if (error != null) {
                        fail(flow, error);
                    } else if (outcome instanceof BindOutcome.Taken taken) {
                        flow.progress.taken(taken.cadId(), taken.otherPlayerName());
                    } else if (wasAlreadyLinked) {
                        flow.progress.alreadyLinked();
                    } else {
                        flow.progress.linked();
                    }
                });
    }

    private static Throwable cause(Throwable error) {
        return error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    }

    /**
     * The CAD's own refusals are written for people and go to the player as they are; anything else
     * (a database error, a bug) goes to the console, and the player is told where to look.
     */
    private void fail(Flow flow, Throwable error) {
        flow.finish();
        Throwable cause = cause(error);
        if (cause instanceof CadRequestException refusal) {
            flow.progress.failed(refusal.getMessage());
            return;
        }
        logger.log(Level.WARNING, "Linking " + flow.name + " to the CAD failed", cause);
        flow.progress.failed("something went wrong on the server; staff can find the details in the console");
    }
}
