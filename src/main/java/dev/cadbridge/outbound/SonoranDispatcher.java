package dev.cadbridge.outbound;

import dev.cadbridge.sonoran.ApiGeneration;
import dev.cadbridge.sonoran.CadLinks;
import dev.cadbridge.sonoran.CadOperation;
import dev.cadbridge.sonoran.CheckLink;
import dev.cadbridge.sonoran.CreateLink;
import dev.cadbridge.sonoran.CadResult;
import dev.cadbridge.sonoran.CadVersion;
import dev.cadbridge.sonoran.CredentialCheck;
import dev.cadbridge.sonoran.FailureKind;
import dev.cadbridge.sonoran.OperationType;
import dev.cadbridge.sonoran.SonoranSettings;
import dev.cadbridge.sonoran.VersionCheck;
import dev.cadbridge.sonoran.WireOutcome;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import okhttp3.Call;
import okhttp3.OkHttpClient;

/**
 * The Sonoran CAD dispatcher: a bounded queue in front of one named daemon worker thread that does
 * all HTTP with synchronous OkHttp calls. Decisions (batching, pacing, retries, expiry, circuit) live
 * in {@link DispatchEngine}; this class only runs it: it takes the lock, asks the engine for work,
 * releases the lock for the I/O, and reports the answer back.
 */
public final class SonoranDispatcher implements CadDispatcher, CadLinks {
    private static final Duration SHUTDOWN_JOIN = Duration.ofSeconds(2);
    private static final Duration LONGEST_WAIT = Duration.ofHours(1);

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition workAvailable = lock.newCondition();
    private final Condition progress = lock.newCondition();
    private final DispatchEngine engine;
    private final DispatcherSettings dispatcherSettings;
    private final Clock clock;
    private final LongSupplier monotonicNanos;
    private final Logger log;
    private final OutboxListener listener;
    private final OkHttpClient baseClient;
    /** A client handed in by the builder is shared with its owner: closing must not shut it down. */
    private final boolean ownsHttpClient;
    private final Thread worker;

    private WireClient wire;
    private boolean closing;
    private boolean stopped;
    private Call currentCall;
    private SendTracker currentTracker;
    private Instant workerLookedAt = Instant.MIN;
    private boolean workerWaiting;

    SonoranDispatcher(SonoranDispatcherBuilder builder) {
        this.dispatcherSettings = builder.liftRateLimits ? withoutRateLimits(builder.dispatcherSettings) : builder.dispatcherSettings;
        this.clock = builder.clock;
        this.monotonicNanos = builder.monotonicNanos;
        this.log = builder.logger;
        this.listener = builder.listener;
        this.baseClient = builder.httpClient != null ? builder.httpClient : new OkHttpClient();
        this.ownsHttpClient = builder.httpClient == null;
        this.engine = new DispatchEngine(builder.settings.generation(), dispatcherSettings, listener, log, builder.jitter, now());
        apply(builder.settings);
        this.worker = new Thread(this::runWorker, builder.threadName);
        worker.setDaemon(true);
    }

    public static SonoranDispatcherBuilder builder(SonoranSettings settings) {
        return new SonoranDispatcherBuilder(settings);
    }

    /** Rate limits so high they never bind: for benchmarks and tests that measure something else. */
    static RateLimit unlimited() {
        return new RateLimit(1_000_000_000, 1_000_000_000);
    }

    static DispatcherSettings withoutRateLimits(DispatcherSettings settings) {
        Map<OperationType, RateLimit> limits = new EnumMap<>(OperationType.class);
        for (OperationType type : OperationType.values()) {
            limits.put(type, unlimited());
        }
        return new DispatcherSettings(settings.queueCapacity(), settings.maxBatchSize(), settings.deadlines(),
                limits, unlimited(), settings.retryBaseDelay(), settings.retryMaxDelay());
    }

    private void apply(SonoranSettings newSettings) {
        this.wire = new WireClient(baseClient, newSettings);
    }

    // ----- CadDispatcher -----

    @Override
    public CompletableFuture<CadResult> submit(CadOperation operation) {
        Objects.requireNonNull(operation, "operation");
        Instant now = clock.instant();
        Duration deadline = dispatcherSettings.deadlines().get(operation.type());
        return enqueue(new PendingOperation(newOperationId(), operation, now, now.plus(deadline)), true);
    }

    /** Under one hold of the lock, so the worker cannot take the first before the rest are queued. */
    @Override
    public List<CompletableFuture<CadResult>> submitAll(List<? extends CadOperation> operations) {
        operations.forEach(operation -> Objects.requireNonNull(operation, "operation"));
        Instant now = clock.instant();
        List<CompletableFuture<CadResult>> futures = new ArrayList<>(operations.size());
        lock.lock();
        try {
            for (CadOperation operation : operations) {
                Duration deadline = dispatcherSettings.deadlines().get(operation.type());
                CompletableFuture<CadResult> future = new CompletableFuture<>();
                engine.accept(new PendingOperation(newOperationId(), operation, now, now.plus(deadline)), future, true);
                futures.add(future);
            }
            signalWorker();
        } finally {
            lock.unlock();
        }
        return futures;
    }

    /**
     * A random (version 4) UUID drawn from {@link ThreadLocalRandom}. The id only has to be unique in
     * the outbox, not unguessable; {@code UUID.randomUUID()} goes through a shared, synchronized
     * SecureRandom, which measured about 280 ns median and 3.4 µs p99 on the server thread
     * (docs/PERFORMANCE.md, figure 3).
     */
    static UUID newOperationId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (random.nextLong() & ~0xF000L) | 0x4000L;
        long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low);
    }

    /** Keeps the id and deadline; does not call {@code accepted} again, the outbox already has it. */
    @Override
    public CompletableFuture<CadResult> resubmit(PendingOperation operation) {
        Objects.requireNonNull(operation, "operation");
        return enqueue(operation, false);
    }

    private CompletableFuture<CadResult> enqueue(PendingOperation pending, boolean announce) {
        CompletableFuture<CadResult> future = new CompletableFuture<>();
        lock.lock();
        try {
            engine.accept(pending, future, announce);
            signalWorker();
        } finally {
            lock.unlock();
        }
        return future;
    }

    @Override
    public DispatcherStatus status() {
        lock.lock();
        try {
            return engine.status(wire.settings().generation(), wire.settings().baseUrl().toString(), now());
        } finally {
            lock.unlock();
        }
    }

    /**
     * Resumes after a reload: new credentials and address, circuit closed, plan-disabled types enabled
     * again (the plan may have been upgraded). Queued operations are kept.
     */
    public void reconfigure(SonoranSettings newSettings) {
        Objects.requireNonNull(newSettings, "settings");
        lock.lock();
        try {
            apply(newSettings);
            engine.reconfigure(newSettings.generation(), now());
            signalWorker();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Stops intake, lets the worker drain for up to {@code timeout}, then hands back what is left.
     * Handed-back operations' futures complete as Failed(SHUT_DOWN, "saved ...") with no
     * {@code finished} callback, so the outbox keeps them for {@link #resubmit} at the next start.
     */
    @Override
    public List<PendingOperation> close(Duration timeout) {
        List<PendingOperation> handedBack;
        lock.lock();
        try {
            if (stopped) {
                return List.of();
            }
            closing = true;
            engine.closeIntake();
            signalWorker();
            long nanos = Math.max(0, timeout.toNanos());
            try {
                while (!engine.idle() && nanos > 0) {
                    nanos = progress.awaitNanos(nanos);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            stopped = true;
            // Cancel before asking whether the request started, so it cannot start in between and a
            // dispatch that reached the CAD be handed back as unsent. Cancelling does not block.
            if (currentCall != null) {
                currentCall.cancel();
            }
            handedBack = engine.shutdown(currentTracker != null && currentTracker.requestStarted());
            signalWorker();
        } finally {
            lock.unlock();
        }
        try {
            worker.join(SHUTDOWN_JOIN.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (ownsHttpClient) {
            wire.shutDown();
        }
        return handedBack;
    }

    private Moment now() {
        return new Moment(clock.instant(), monotonicNanos.getAsLong());
    }

    // ----- hooks for tests that move a manual clock -----

    /**
     * Makes the worker read the clock again now. Its waits are real-time waits computed from the
     * clock, so a test that moves a manual clock forward calls this instead of waiting for real.
     */
    void wakeUp() {
        lock.lock();
        try {
            signalWorker();
        } finally {
            lock.unlock();
        }
    }

    /** Under the lock. The worker has not seen what the caller just changed, so it is not idle until it looks again. */
    private void signalWorker() {
        workerLookedAt = Instant.MIN;
        workAvailable.signalAll();
    }

    /**
     * True when the worker is waiting and last read the clock at or after {@code instant}: everything
     * due by then has been sent and answered. With {@link #wakeUp()} this lets a test step time.
     */
    boolean idleSince(Instant instant) {
        lock.lock();
        try {
            return workerWaiting && !workerLookedAt.isBefore(instant);
        } finally {
            lock.unlock();
        }
    }

    // ----- CadLinks and the credential check: request-response routes of the same engine -----

    @Override
    public CompletableFuture<LinkCode> createLink(String communityUserId) {
        return Answers.ask(this, () -> new CreateLink(communityUserId), LinkCode.class);
    }

    @Override
    public CompletableFuture<LinkCheck> checkLink(String communityUserId) {
        return Answers.ask(this, () -> new CheckLink(communityUserId), LinkCheck.class);
    }

    /**
     * Asks {@code GET /v2/general/version}: a harmless request that shows whether the key and address
     * work. v1 has no harmless request, so it answers NOT_CHECKABLE. The future never fails.
     */
    public CompletableFuture<CredentialCheck> checkCredentials() {
        if (status().generation() == ApiGeneration.V1) {
            return CompletableFuture.completedFuture(new CredentialCheck(CredentialCheck.Result.NOT_CHECKABLE,
                    "the v1 API has no harmless request to test credentials with; the first operation will show whether they work", null));
        }
        return Answers.credentials(Answers.ask(this, VersionCheck::new, CadVersion.class).thenApply(CadVersion::describe));
    }

    // ----- the worker -----

    /** Starts the worker thread. The builder calls this; separate so construction does no work. */
    SonoranDispatcher start() {
        worker.start();
        return this;
    }

    private record SendBatch(DispatchEngine.Batch batch, WireClient wire) {}

    private void runWorker() {
        while (true) {
            SendBatch work;
            lock.lock();
            try {
                work = awaitWork();
                if (work == null) {
                    return;
                }
            } catch (RuntimeException e) {
                // The worker is the only thread that sends: it must outlive any bug in deciding what to send.
                log.log(Level.SEVERE, "CadBridge dispatcher error: " + wire.redact(String.valueOf(e)));
                pauseAfterError();
                continue;
            } finally {
                lock.unlock();
            }
            try {
                sendBatch(work);
            } catch (RuntimeException e) {
                log.log(Level.SEVERE, "CadBridge dispatcher error: " + wire.redact(String.valueOf(e)));
            }
        }
    }

    /** Under the lock: a second's pause so a repeating error cannot spin the worker. */
    private void pauseAfterError() {
        try {
            workAvailable.awaitNanos(TimeUnit.SECONDS.toNanos(1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Under the lock: the next thing to send, waiting as long as the engine says; null once stopped. */
    private SendBatch awaitWork() {
        while (!stopped) {
            Moment now = now();
            workerLookedAt = now.wall();
            progress.signalAll();
            DispatchEngine.Batch batch = engine.nextBatch(now);
            if (batch != null) {
                progress.signalAll();
                return new SendBatch(batch, wire);
            }
            progress.signalAll();
            Duration wait = engine.nextWakeup(now);
            workerWaiting = true;
            try {
                if (wait == null) {
                    workAvailable.await();
                } else {
                    // Capped so that a far deadline cannot overflow; the loop looks again when it ends.
                    long nanos = (wait.compareTo(LONGEST_WAIT) > 0 ? LONGEST_WAIT : wait).toNanos();
                    if (nanos > 0) {
                        workAvailable.awaitNanos(nanos);
                    }
                }
            } catch (InterruptedException e) {
                if (stopped) {
                    return null;
                }
            } finally {
                workerWaiting = false;
            }
        }
        return null;
    }

    private void sendBatch(SendBatch send) {
        DispatchEngine.Batch batch = send.batch();
        SendTracker tracker = new SendTracker();
        WireOutcome outcome;
        try {
            Call call = send.wire().call(batch, tracker);
            lock.lock();
            try {
                if (stopped) {
                    return;
                }
                currentCall = call;
                currentTracker = tracker;
            } finally {
                lock.unlock();
            }
            listener.sending(batch.ids());
            outcome = send.wire().exchange(call, batch, clock.instant());
        } catch (IOException e) {
            outcome = send.wire().transportFailure(e, tracker.requestStarted());
            if (!tracker.requestStarted()) {
                notifyNotSent(batch);
            }
        } catch (RuntimeException e) {
            // a bug here must not leave the batch in flight forever
            outcome = new WireOutcome.Rejected(FailureKind.UNEXPECTED_RESPONSE,
                    "CadBridge could not send or read this request (" + e.getClass().getSimpleName() + ")", null);
            log.log(Level.SEVERE, "CadBridge dispatcher error: " + send.wire().redact(String.valueOf(e)));
        }
        lock.lock();
        try {
            currentCall = null;
            currentTracker = null;
            engine.onOutcome(batch, outcome, now());
            progress.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void notifyNotSent(DispatchEngine.Batch batch) {
        try {
            listener.notSent(batch.ids());
        } catch (RuntimeException e) {
            log.log(Level.WARNING, "The outbox listener failed: " + e, e);
        }
    }

    @Override
    public String toString() {
        return "SonoranDispatcher[" + wire.settings().generation() + " " + wire.settings().baseUrl() + "]";
    }
}
