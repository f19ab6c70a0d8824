package dev.cadbridge.core;

import dev.cadbridge.outbound.CadDispatcher;
import dev.cadbridge.outbound.CadQueries;
import dev.cadbridge.outbound.DispatcherSettings;
import dev.cadbridge.outbound.OutboxListener;
import dev.cadbridge.outbound.PendingOperation;
import dev.cadbridge.network.NetworkMode;
import dev.cadbridge.network.NetworkStatus;
import dev.cadbridge.sonoran.CadLinks;
import dev.cadbridge.sonoran.CadResult;
import dev.cadbridge.sonoran.CredentialCheck;
import dev.cadbridge.sonoran.FailureKind;
import dev.cadbridge.sonoran.SonoranSettings;
import dev.cadbridge.storage.NetworkStore;
import dev.cadbridge.storage.SqlOutbox;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One server's part in network mode. Two threads: the election ({@code CadBridge-Network-Election})
 * takes or confirms the sender lock several times a second and starts or stops sending; the worker
 * ({@code CadBridge-Network}) moves operations and outcomes between the database and the
 * dispatchers. While this run holds the lock it has a sending dispatcher of its own, which takes
 * the whole network's queue: one rate budget, one batching, for every server.
 *
 * <p>Sending stops at once when the lock may be lost: a request goes on the wire only while the
 * election connection answered within the last {@link Timing#fresh}; when it does not answer
 * within the election silence its session, and the lock, are given up and the sending dispatcher
 * is closed (its request cancelled), so a sender cut off from the database stops. The lock is
 * given up too when the election connection answers but the worker's calls on the other
 * connections have not for {@link NetworkStore#poolSilence}: a sender that can neither take work
 * nor write outcomes would otherwise keep every other server from sending.
 */
public final class NetworkNode {

    /** How often things happen; tests shorten them. */
    public record Timing(Duration poll, Duration fresh, Duration recordEvery, Duration aliveWithin) {
        public static Timing defaults() {
            return new Timing(Duration.ofMillis(200), Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(5));
        }
    }

    private static final int CLAIM_LIMIT = 2_000;
    private static final Duration FORGET_OUTCOMES_EVERY = Duration.ofMinutes(1);

    private final NetworkMode mode;
    private final NetworkStore store;
    private final SqlOutbox outbox;
    private final Clock clock;
    private final Logger logger;
    private final Timing timing;
    private Thread election;
    private Thread worker;
    /** Wakes the worker (an outcome to write, work given back); the election keeps its own pace. */
    private final Object wake = new Object();
    private final Object electionWake = new Object();

    private volatile boolean on;
    private volatile boolean stopping;
    /** One {@link #stop} at a time. */
    private final Object stopLock = new Object();
    /** Guarded by this: a stop is running, and whether threads are wanted again once it is over. */
    private boolean stopInProgress;
    private boolean restartAfterStop;
    private volatile CadConnectionFactory factory;
    private volatile SonoranSettings sonoran;
    private volatile DispatcherSettings dispatcherSettings;
    private volatile NetworkDispatcher dispatcher;

    /** Guards starting and stopping the sending connection against handing it work. */
    private final Object sendingGuard = new Object();
    private volatile Sender sender;
    private volatile Instant senderSince;
    private volatile String tookOverFrom;
    /** Monotonic time of the election connection's last answer while holding the lock; 0 while not holding it. */
    private volatile long confirmedAtNanos;
    /** Monotonic time the worker's last regular database call (recording this run, taking work) answered; 0 before the first. */
    private volatile long workerAnsweredAtNanos;

    /** Rows this run took as the sender and still owes an outcome for: id to the server that asked. */
    private final Map<UUID, String> askedBy = new ConcurrentHashMap<>();
    private final Queue<NetworkStore.Outcome> outcomes = new ConcurrentLinkedQueue<>();
    private final Set<UUID> toGiveBack = ConcurrentHashMap.newKeySet();
    private volatile NetworkStore.View view;
    /** Players on this server at its last heartbeat; -1 before the first. */
    private volatile int playersHere = -1;
    private boolean sameNameReported;
    private boolean mixedServerIdsReported;
    private long nextRecordNanos;
    private long nextForgetNanos;

    private NetworkNode(NetworkMode mode, NetworkStore store, Clock clock, Logger logger, Timing timing) {
        this.mode = mode;
        this.store = store;
        this.outbox = store.outbox();
        this.clock = clock;
        this.logger = logger;
        this.timing = timing;
        this.on = mode == NetworkMode.ON;
    }

    /** Starts the threads, again after {@link #stop} (a reload that switched the CAD connection off and on). */
    private synchronized void ensureRunning() {
        if (stopInProgress) {
            // A reload switched the connection on again while the old one still drains: new threads
            // would take work that the stop then gives back under them, and hold a lock it releases.
            restartAfterStop = true;
            return;
        }
        if (election != null && election.isAlive()) {
            return;
        }
        stopping = false;
        election = new Thread(this::runElection, "CadBridge-Network-Election");
        worker = new Thread(this::runWorker, "CadBridge-Network");
        election.setDaemon(true);
        worker.setDaemon(true);
        election.start();
        worker.start();
    }

    /** Starts taking part: AUTO and ON record this run at once; the election starts once the mode is on. */
    public static NetworkNode start(NetworkMode mode, NetworkStore store, Clock clock, Logger logger, Timing timing) {
        NetworkNode node = new NetworkNode(mode, store, clock, logger, timing);
        node.ensureRunning();
        return node;
    }

    /**
     * Wraps the plugin's connection factory: the connection it opens becomes this server's own
     * (for what is sent locally), and the same factory opens the sending connection when this run
     * is elected.
     */
    public CadConnectionFactory wrap(CadConnectionFactory inner) {
        return (settings, dispatcherSettings, listener) -> {
            CadConnection local = inner.open(settings, dispatcherSettings, listener);
            this.factory = inner;
            this.sonoran = settings;
            this.dispatcherSettings = dispatcherSettings;
            NetworkDispatcher wrapped = new NetworkDispatcher(local.dispatcher(), outbox::askNetwork, dispatcherSettings.deadlines(),
                    clock, () -> on && !outbox.databaseUnavailable());
            this.dispatcher = wrapped;
            ensureRunning();
            wake();
            return new NetworkConnection(local, wrapped);
        };
    }

    public boolean on() {
        return on;
    }

    public boolean sends() {
        return sender != null;
    }

    /**
     * The heartbeat's player count in network mode. Every server reports its own players; only the
     * sender sends a heartbeat, with the players of all live servers (each as of its own last
     * heartbeat), so the CAD sees the whole network once a minute instead of one server's count
     * replacing another's. Empty on the servers that do not send.
     */
    public OptionalInt heartbeatCount(int playersOnThisServer) {
        playersHere = playersOnThisServer;
        NetworkStore.View seen = view;
        if (sender == null) {
            return OptionalInt.empty();
        }
        return OptionalInt.of((seen == null ? 0 : seen.playersElsewhere()) + playersOnThisServer);
    }

    public NetworkStatus status() {
        NetworkStore.View seen = view;
        Sender current = sender;
        String senderName = current != null ? store.serverName() : seen == null ? null : seen.sender();
        return new NetworkStatus(on, store.serverName(), senderName, current != null,
                current != null ? senderSince : seen == null ? null : seen.senderSince(),
                current != null ? tookOverFrom : seen == null ? null : seen.tookOverFrom(),
                seen == null ? 1 : seen.serverNames(), seen == null ? Map.of() : seen.queued(),
                current == null ? null : current.connection.dispatcher().status(),
                seen == null ? 0 : seen.sameNameRuns().size(), seen == null ? Set.of() : seen.serverIds());
    }

    /**
     * Stops: a sending connection drains for up to {@code timeout} and gives back what it could not
     * send, the lock is released so another server takes over at once, and the threads end.
     */
    public void stop(Duration timeout) {
        synchronized (stopLock) {
            synchronized (this) {
                stopping = true;
                stopInProgress = true;
                restartAfterStop = false;
            }
            try {
                stopThreads(timeout);
            } finally {
                synchronized (this) {
                    stopInProgress = false;
                    if (restartAfterStop) {
                        restartAfterStop = false;
                        ensureRunning();
                    }
                }
            }
        }
    }

    private void stopThreads(Duration timeout) {
        Thread election;
        Thread worker;
        synchronized (this) {
            election = this.election;
            worker = this.worker;
        }
        wake();
        synchronized (electionWake) {
            electionWake.notifyAll();
        }
        try {
            election.join(timeout.plusSeconds(5).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        stopSending("this server is stopping", timeout);
        store.releaseSenderLock();
        try {
            worker.join(timeout.plusSeconds(5).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        flushOutcomesAndGiveBack();
    }

    private void wake() {
        synchronized (wake) {
            wake.notifyAll();
        }
    }

    private void pause(Object monitor, Duration duration) {
        synchronized (monitor) {
            if (stopping) {
                return;
            }
            try {
                monitor.wait(Math.max(1, duration.toMillis()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    // ----- the election -----

    private void runElection() {
        while (!stopping) {
            try {
                electOnce();
            } catch (RuntimeException e) {
                logger.log(Level.WARNING, "CadBridge network election hit an unexpected error; it keeps running", e);
            }
            pause(electionWake, timing.poll());
        }
    }

    private void electOnce() {
        if (!on || factory == null || !store.ready()) {
            return;
        }
        if (!workerReachesDatabase()) {
            if (sender != null) {
                stopSending("its other connections to the database do not answer, so it can neither take operations nor"
                        + " write their outcomes", Duration.ZERO);
            }
            confirmedAtNanos = 0;
            store.releaseSenderLock();
            return;
        }
        boolean held;
        try {
            held = store.holdSenderLock();
        } catch (SQLException | RuntimeException e) {
            held = false;
        }
        if (held) {
            confirmedAtNanos = System.nanoTime();
            synchronized (this) {
                notifyAll();
            }
            if (sender == null) {
                startSending();
            }
        } else {
            confirmedAtNanos = 0;
            synchronized (this) {
                notifyAll();
            }
            if (sender != null) {
                stopSending("it lost its connection to the database, and with it the sender lock", Duration.ZERO);
            }
        }
    }

    private boolean workerReachesDatabase() {
        long answeredAt = workerAnsweredAtNanos;
        return answeredAt != 0 && System.nanoTime() - answeredAt < store.poolSilence().toNanos();
    }

    private void startSending() {
        String previous = null;
        try {
            previous = store.currentSender(clock.instant(), timing.aliveWithin());
        } catch (SQLException | RuntimeException ignored) {
            // only for the status line
        }
        Sender started = new Sender();
        started.connection = factory.open(sonoran, dispatcherSettings, started);
        synchronized (sendingGuard) {
            tookOverFrom = previous != null && !previous.equals(store.serverName()) ? previous : null;
            senderSince = clock.instant();
            sender = started;
        }
        nextRecordNanos = 0;
        logger.info("This server now sends the CAD operations of the whole network"
                + (tookOverFrom == null ? "" : " (taking over from " + tookOverFrom + ")") + ".");
        wake();
    }

    /** Election thread, or stop. Closes the sending connection; what it had not sent goes back to the network queue. */
    private void stopSending(String why, Duration drain) {
        Sender stopped;
        synchronized (sendingGuard) {
            stopped = sender;
            sender = null;
            senderSince = null;
        }
        if (stopped == null) {
            return;
        }
        stopped.revoked = true;
        confirmedAtNanos = 0;
        synchronized (this) {
            notifyAll();
        }
        try {
            stopped.connection.close(drain);
        } finally {
            stopped.closed.countDown();
        }
        // Whatever it took and did not finish goes back, unsent, for the next sender.
        toGiveBack.addAll(askedBy.keySet());
        askedBy.clear();
        if (!stopping) {
            logger.warning("This server stopped sending CAD operations for the network: " + why
                    + ". Another server takes over; operations this server asks for wait in the network queue.");
        }
        wake();
    }

    /**
     * Blocks the sending dispatcher's worker until the election connection answered lately, or,
     * when the lock is lost, until the sending connection is closed (its request cancelled).
     */
    private void awaitLease(Sender asking) {
        long freshNanos = timing.fresh().toNanos();
        synchronized (this) {
            while (!asking.revoked && System.nanoTime() - confirmedAtNanos > freshNanos) {
                try {
                    wait(timing.poll().toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
        if (asking.revoked) {
            try {
                asking.closed.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The sending connection's listener: outbox marks as usual, and the outcome for the server that asked. */
    private final class Sender implements OutboxListener {
        CadConnection connection;
        volatile boolean revoked;
        final CountDownLatch closed = new CountDownLatch(1);

        @Override
        public void sending(Collection<UUID> ids) {
            awaitLease(this);
            outbox.sending(ids);
        }

        @Override
        public void notSent(Collection<UUID> ids) {
            outbox.notSent(ids);
        }

        /**
         * An operation that is not stored ended. When this run stopped sending before it went out,
         * it is given back for the next sender (see {@link #stopSending}) instead of answered.
         */
        void finishedUnstored(UUID id, CadResult result) {
            if (revoked && result instanceof CadResult.Failed failed && failed.kind() == FailureKind.SHUT_DOWN) {
                return;
            }
            finished(id, result);
        }

        @Override
        public void finished(UUID id, CadResult result) {
            String asker = askedBy.remove(id);
            if (asker == null) {
                outbox.finished(id, result);
                return;
            }
            outbox.settledForNetwork(id);
            outcomes.add(new NetworkStore.Outcome(id, asker, result));
            wake();
        }
    }

    // ----- the worker -----

    private void runWorker() {
        while (!stopping) {
            try {
                workOnce();
            } catch (RuntimeException e) {
                logger.log(Level.WARNING, "CadBridge network worker hit an unexpected error; it keeps running", e);
            }
            pause(wake, timing.poll());
        }
    }

    private void workOnce() {
        if (!store.ready()) {
            return;
        }
        Instant now = clock.instant();
        try {
            recordIfDue(now);
            if (!on) {
                return;
            }
            flushOutcomesAndGiveBack();
            Sender current = sender;
            if (current != null) {
                take(current, now);
                flushOutcomesAndGiveBack();
                if (System.nanoTime() - nextForgetNanos >= 0) {
                    store.forgetOldOutcomes(now);
                    nextForgetNanos = System.nanoTime() + FORGET_OUTCOMES_EVERY.toNanos();
                }
            }
            NetworkDispatcher asking = dispatcher;
            if (asking != null && asking.awaitsAny()) {
                store.collectOutcomes(Set.copyOf(asking.awaitedIds())).forEach(asking::complete);
                asking.giveUpOverdue(now).forEach(outbox::answeredByNetwork);
            }
        } catch (SQLException e) {
            // The storage status shows the outage; this tries again at the next poll.
        }
    }

    private void take(Sender current, Instant now) throws SQLException {
        NetworkStore.Claims claims = store.claim(now, CLAIM_LIMIT);
        workerAnsweredAtNanos = System.nanoTime();
        outcomes.addAll(claims.settled());
        List<UUID> notHanded = new ArrayList<>();
        synchronized (sendingGuard) {
            for (NetworkStore.Claim claim : claims.toSend()) {
                if (sender == current) {
                    UUID id = claim.pending().id();
                    askedBy.put(id, claim.askedBy());
                    CompletableFuture<CadResult> sent = current.connection.dispatcher().resubmit(claim.pending());
                    if (!claim.pending().operation().type().route().stored()) {
                        // The outbox hears only of stored operations; these report back through their future.
                        sent.thenAccept(result -> current.finishedUnstored(id, result));
                    }
                } else {
                    notHanded.add(claim.pending().id());
                }
            }
        }
        toGiveBack.addAll(notHanded);
    }

    private void flushOutcomesAndGiveBack() {
        try {
            if (!toGiveBack.isEmpty()) {
                List<UUID> ids = List.copyOf(toGiveBack);
                store.giveBack(ids);
                ids.forEach(toGiveBack::remove);
            }
            List<NetworkStore.Outcome> batch = new ArrayList<>();
            NetworkStore.Outcome next;
            while ((next = outcomes.poll()) != null) {
                batch.add(next);
            }
            if (!batch.isEmpty()) {
                try {
                    store.writeOutcomes(batch, clock.instant());
                } catch (SQLException e) {
                    outcomes.addAll(batch);
                    throw e;
                }
            }
        } catch (SQLException e) {
            // kept for the next poll
        }
    }

    private void recordIfDue(Instant now) throws SQLException {
        if (System.nanoTime() - nextRecordNanos < 0) {
            return;
        }
        nextRecordNanos = System.nanoTime() + timing.recordEvery().toNanos();
        SonoranSettings settings = sonoran;
        NetworkStore.View seen = store.recordRun(now, senderSince, tookOverFrom, playersHere, settings == null ? -1 : settings.serverId(),
                timing.aliveWithin());
        workerAnsweredAtNanos = System.nanoTime();
        view = seen;
        if (!on && mode == NetworkMode.AUTO && seen.serverNames() > 1) {
            on = true;
            logger.info("Network mode is on: " + seen.serverNames() + " servers share this database (network.enabled: auto).");
            wake();
        }
        if (seen.serverIds().size() > 1 && !mixedServerIdsReported) {
            mixedServerIdsReported = true;
            logger.warning("The servers of this network use different sonoran.server-id values " + seen.serverIds()
                    + ", but one server sends for all, each operation as its own server id. Give every server of the network"
                    + " the same sonoran.server-id, or give servers with another server id their own database (or table-prefix).");
        }
        if (!seen.sameNameRuns().isEmpty() && !sameNameReported) {
            sameNameReported = true;
            logger.warning("Another CadBridge is running right now with storage.server-name '" + store.serverName()
                    + "' on this database. Give every server its own storage.server-name, or outcomes and saved work"
                    + " of the two are hard to tell apart for staff.");
        }
    }

    /** The connection the core uses in network mode: this server's own, with the network dispatcher in front. */
    private final class NetworkConnection implements CadConnection {
        private final CadConnection local;
        private final NetworkDispatcher wrapped;

        NetworkConnection(CadConnection local, NetworkDispatcher wrapped) {
            this.local = local;
            this.wrapped = wrapped;
        }

        @Override
        public CadDispatcher dispatcher() {
            return wrapped;
        }

        @Override
        public CadLinks links() {
            return CadQueries.links(wrapped);
        }

        @Override
        public void reconfigure(SonoranSettings settings) {
            sonoran = settings;
            local.reconfigure(settings);
            Sender current = sender;
            if (current != null) {
                current.connection.reconfigure(settings);
            }
        }

        @Override
        public CompletableFuture<CredentialCheck> checkCredentials() {
            return local.checkCredentials();
        }

        @Override
        public List<PendingOperation> close(Duration timeout) {
            stop(timeout);
            return wrapped.close(timeout);
        }
    }
}
