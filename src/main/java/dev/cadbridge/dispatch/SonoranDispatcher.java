package dev.cadbridge.dispatch;

import dev.cadbridge.sonoran.ApiGeneration;
import dev.cadbridge.sonoran.CadLinks;
import dev.cadbridge.sonoran.CadOperation;
import dev.cadbridge.sonoran.CadRequestException;
import dev.cadbridge.sonoran.CadResult;
import dev.cadbridge.sonoran.CredentialCheck;
import dev.cadbridge.sonoran.FailureKind;
import dev.cadbridge.sonoran.OperationLimits;
import dev.cadbridge.sonoran.OperationType;
import dev.cadbridge.sonoran.SonoranSettings;
import dev.cadbridge.sonoran.SonoranWire;
import dev.cadbridge.sonoran.WireOutcome;
import dev.cadbridge.sonoran.WireResponse;
import dev.cadbridge.sonoran.v1.V1Wire;
import dev.cadbridge.sonoran.v2.V2Wire;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
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
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import okhttp3.Call;
import okhttp3.EventListener;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.BufferedSink;

/**
 * The Sonoran CAD dispatcher: a bounded queue in front of one named daemon worker thread that does
 * all HTTP with synchronous OkHttp calls. Decisions (batching, pacing, retries, expiry, circuit) live
 * in {@link DispatchEngine}; this class only runs it: it takes the lock, asks the engine for work,
 * releases the lock for the I/O, and reports the answer back.
 */
public final class SonoranDispatcher implements CadDispatcher, CadLinks {
    private static final long MAX_BODY_BYTES = 64 * 1024;
    private static final Duration SHUTDOWN_JOIN = Duration.ofSeconds(2);
    private static final Duration LONGEST_WAIT = Duration.ofHours(1);
    /** Link and version requests have a player or the console waiting on them. */
    private static final Duration AUX_MAX_WAIT = Duration.ofSeconds(30);

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
    private final ArrayDeque<AuxRequest> auxRequests = new ArrayDeque<>();
    private final Thread worker;

    private SonoranSettings settings;
    private SonoranWire wire;
    private OkHttpClient client;
    private boolean closing;
    private boolean stopped;
    private Call currentCall;
    private SendTracker currentTracker;
    private Instant workerLookedAt = Instant.MIN;
    /** A version check is on its way to tell whether an unattributed 404 means a wrong address. */
    private boolean checkingAddress;
    private boolean workerWaiting;

    private SonoranDispatcher(Builder builder) {
        this.dispatcherSettings = builder.liftRateLimits ? withoutRateLimits(builder.dispatcherSettings) : builder.dispatcherSettings;
        this.clock = builder.clock;
        this.monotonicNanos = builder.monotonicNanos;
        this.log = builder.logger;
        this.listener = builder.listener;
        this.baseClient = builder.httpClient != null ? builder.httpClient : new OkHttpClient();
        this.ownsHttpClient = builder.httpClient == null;
        Map<Endpoint, RateLimit> auxLimits = new EnumMap<>(Endpoint.class);
        RateLimit unlimited = unlimited();
        auxLimits.put(Endpoint.LINK_CREATE, builder.liftRateLimits ? unlimited : builder.linkRateLimit);
        auxLimits.put(Endpoint.LINK_CHECK, builder.liftRateLimits ? unlimited : builder.linkRateLimit);
        auxLimits.put(Endpoint.VERSION, builder.liftRateLimits ? unlimited : builder.versionRateLimit);
        this.engine = new DispatchEngine(builder.settings.generation(), dispatcherSettings, auxLimits,
                listener, log, builder.jitter, now());
        apply(builder.settings);
        this.worker = new Thread(this::runWorker, builder.threadName);
        worker.setDaemon(true);
    }

    public static Builder builder(SonoranSettings settings) {
        return new Builder(settings);
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
        this.settings = newSettings;
        this.wire = newSettings.generation() == ApiGeneration.V1 ? new V1Wire(newSettings) : new V2Wire(newSettings);
        Duration timeout = newSettings.requestTimeout();
        this.client = baseClient.newBuilder()
                .connectTimeout(newSettings.connectTimeout())
                .readTimeout(timeout)
                .writeTimeout(timeout)
                .callTimeout(newSettings.connectTimeout().plus(timeout.multipliedBy(2)))
                // a redirect would be a misconfigured base URL; following it could carry the key elsewhere
                .followRedirects(false)
                .followSslRedirects(false)
                .eventListenerFactory(call -> {
                    SendTracker tracker = call.request().tag(SendTracker.class);
                    return tracker != null ? tracker : EventListener.NONE;
                })
                .build();
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
            return engine.status(settings.generation(), settings.baseUrl().toString());
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
                while (!(engine.idle() && auxRequests.isEmpty()) && nanos > 0) {
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
            CadRequestException shutDown = new CadRequestException(FailureKind.SHUT_DOWN.name(), "CadBridge is shutting down", null);
            auxRequests.forEach(aux -> aux.fail(shutDown));
            auxRequests.clear();
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
            client.dispatcher().executorService().shutdown();
            client.connectionPool().evictAll();
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

    // ----- CadLinks and the credential check -----

    @Override
    public CompletableFuture<LinkCode> createLink(String communityUserId) {
        return link(Endpoint.LINK_CREATE, communityUserId, (v2, id) -> v2.createLinkRequest(id),
                (v2, response, now) -> v2.linkCode(response, now));
    }

    @Override
    public CompletableFuture<LinkCheck> checkLink(String communityUserId) {
        return link(Endpoint.LINK_CHECK, communityUserId, (v2, id) -> v2.checkLinkRequest(id),
                (v2, response, now) -> v2.linkCheck(response));
    }

    private interface RequestFor {
        Request build(V2Wire wire, String communityUserId);
    }

    private interface AnswerReader<T> {
        T read(V2Wire wire, WireResponse response, Instant wallNow);
    }

    private <T> CompletableFuture<T> link(Endpoint endpoint, String communityUserId, RequestFor request, AnswerReader<T> reader) {
        CompletableFuture<T> future = new CompletableFuture<>();
        String id;
        try {
            id = OperationLimits.unitId("communityUserId", communityUserId);
        } catch (IllegalArgumentException e) {
            future.completeExceptionally(e);
            return future;
        }
        submitAux(future, new AuxRequest(endpoint, true,
                v2 -> request.build(v2, id),
                (v2, response, now) -> future.complete(reader.read(v2, response, now)),
                future::completeExceptionally));
        return future;
    }

    /**
     * Asks {@code GET /v2/general/version}: a harmless request that shows whether the key and address
     * work. v1 has no harmless request, so it answers NOT_CHECKABLE. The future never fails.
     */
    public CompletableFuture<CredentialCheck> checkCredentials() {
        CompletableFuture<CredentialCheck> future = new CompletableFuture<>();
        lock.lock();
        try {
            if (settings.generation() == ApiGeneration.V1) {
                future.complete(new CredentialCheck(CredentialCheck.Result.NOT_CHECKABLE,
                        "the v1 API has no harmless request to test credentials with; the first operation will show whether they work", null));
                return future;
            }
        } finally {
            lock.unlock();
        }
        submitAux(future, new AuxRequest(Endpoint.VERSION, false, V2Wire::versionRequest,
                (v2, response, now) -> future.complete(new CredentialCheck(CredentialCheck.Result.OK, v2.planName(response), null)),
                failure -> future.complete(new CredentialCheck(
                        FailureKind.CREDENTIALS.name().equals(failure.kind()) ? CredentialCheck.Result.REJECTED : CredentialCheck.Result.UNREACHABLE,
                        failure.getMessage(), failure.traceId()))));
        return future;
    }

    /**
     * The version check asked after a 404 that named nothing: if the harmless version route answers
     * 404 too, the address is wrong for every request and {@link #auxFailure} opens the circuit;
     * otherwise that 404 was the one operation's problem and sending goes on.
     */
    private AuxRequest addressCheck() {
        return new AuxRequest(Endpoint.VERSION, false, V2Wire::versionRequest,
                (v2, response, now) -> addressChecked(),
                failure -> addressChecked());
    }

    private Object addressChecked() {
        lock.lock();
        try {
            checkingAddress = false;
        } finally {
            lock.unlock();
        }
        return null;
    }

    private void submitAux(CompletableFuture<?> future, AuxRequest aux) {
        lock.lock();
        try {
            if (closing) {
                aux.fail(new CadRequestException(FailureKind.SHUT_DOWN.name(), "CadBridge is shutting down", null));
            } else if (settings.generation() != ApiGeneration.V2) {
                aux.fail(new CadRequestException(FailureKind.NOT_CONFIGURED.name(),
                        "account linking needs the v2 API; set the API version to v2 in config.yml", null));
            } else {
                auxRequests.addLast(aux);
                signalWorker();
            }
        } finally {
            lock.unlock();
        }
    }

    private record AuxRequest(Endpoint endpoint, boolean blockedByCircuit, java.util.function.Function<V2Wire, Request> request,
                              AnswerReader<?> onAnswer, java.util.function.Consumer<CadRequestException> onFailure) {
        void fail(CadRequestException failure) {
            onFailure.accept(failure);
        }
    }

    // ----- the worker -----

    /** Starts the worker thread. The builder calls this; separate so construction does no work. */
    private SonoranDispatcher start() {
        worker.start();
        return this;
    }

    private sealed interface Work {}

    private record SendBatch(DispatchEngine.Batch batch, SonoranWire wire, OkHttpClient client) implements Work {}

    private record SendAux(AuxRequest aux, V2Wire wire, OkHttpClient client) implements Work {}

    private void runWorker() {
        while (true) {
            Work work;
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
                switch (work) {
                    case SendBatch send -> sendBatch(send);
                    case SendAux send -> sendAux(send);
                }
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
    private Work awaitWork() {
        while (!stopped) {
            Moment now = now();
            workerLookedAt = now.wall();
            progress.signalAll();
            Duration auxWake = null;
            if (engine.takeAddressCheck() && !checkingAddress && wire instanceof V2Wire) {
                checkingAddress = true;
                auxRequests.addLast(addressCheck());
            }
            while (!auxRequests.isEmpty()) {
                AuxRequest head = auxRequests.peekFirst();
                if (!(wire instanceof V2Wire)) {
                    auxRequests.pollFirst().fail(new CadRequestException(FailureKind.NOT_CONFIGURED.name(),
                            "this request needs the v2 API; set the API version to v2 in config.yml", null));
                    continue;
                }
                if (head.blockedByCircuit() && engine.circuitOpen()) {
                    auxRequests.pollFirst().fail(new CadRequestException(FailureKind.CREDENTIALS.name(),
                            "sending is paused: " + engine.circuitReason(), null));
                    continue;
                }
                if (engine.tryTake(head.endpoint(), now)) {
                    auxRequests.pollFirst();
                    return new SendAux(head, (V2Wire) wire, client);
                }
                Duration untilToken = engine.untilToken(head.endpoint(), now);
                if (untilToken.compareTo(AUX_MAX_WAIT) > 0) {
                    // A player is waiting on this one: say so rather than leave them on "Checking…".
                    auxRequests.pollFirst().fail(new CadRequestException("RATE_LIMITED", "the CAD asked CadBridge to slow down; try again in "
                            + Math.max(1, untilToken.toSeconds()) + " s", null));
                    continue;
                }
                auxWake = untilToken;
                break;
            }
            DispatchEngine.Batch batch = engine.nextBatch(now);
            if (batch != null) {
                progress.signalAll();
                return new SendBatch(batch, wire, client);
            }
            progress.signalAll();
            Duration wait = DispatchEngine.shorter(engine.nextWakeup(now), auxWake);
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
            Request request = send.wire().request(batch.type(), batch.wireOperations());
            Request.Builder tagged = request.newBuilder().tag(SendTracker.class, tracker);
            if (!batch.type().route().repeatable() && request.body() != null) {
                // one-shot: OkHttp must not silently repeat a request it has started writing
                tagged.method(request.method(), oneShot(request.body()));
            }
            Call call = send.client().newCall(tagged.build());
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
            WireResponse response = execute(call);
            outcome = send.wire().classify(batch.type(), batch.wireOperations(), response, clock.instant());
        } catch (IOException e) {
            outcome = transportFailure(e, tracker.requestStarted(), send.wire());
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

    private void sendAux(SendAux send) {
        AuxRequest aux = send.aux();
        try {
            Call call = send.client().newCall(aux.request().apply(send.wire()));
            lock.lock();
            try {
                if (stopped) {
                    aux.fail(new CadRequestException(FailureKind.SHUT_DOWN.name(), "CadBridge is shutting down", null));
                    return;
                }
                currentCall = call;
            } finally {
                lock.unlock();
            }
            WireResponse response = execute(call);
            Moment now = now();
            boolean notLinkedYet = aux.endpoint() == Endpoint.LINK_CHECK && send.wire().isNotLinkedRefusal(response);
            if (response.code() >= 200 && response.code() < 300 || notLinkedYet) {
                aux.onAnswer().read(send.wire(), response, now.wall());
            } else {
                aux.fail(auxFailure(aux.endpoint(), response.code(), send.wire().failure(response, now.wall()), now));
            }
        } catch (IOException e) {
            WireOutcome.Transient failure = transportFailure(e, true, send.wire());
            aux.fail(new CadRequestException(failure.kind(), failure.message(), null));
        } catch (CadRequestException e) {
            aux.fail(e);
        } catch (RuntimeException e) {
            aux.fail(new CadRequestException(FailureKind.UNEXPECTED_RESPONSE.name(),
                    "CadBridge could not send or read this request (" + e.getClass().getSimpleName() + ")", null));
        } finally {
            lock.lock();
            try {
                currentCall = null;
                progress.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }

    /** Link and version failures go straight back to the caller (a player waiting on a command); only their side effects are kept. */
    private CadRequestException auxFailure(Endpoint endpoint, int status, WireOutcome outcome, Moment now) {
        lock.lock();
        try {
            return switch (outcome) {
                case WireOutcome.Rejected rejected -> {
                    // Link routes carry no server id: whatever a 404 from them says, it is not about the configuration.
                    boolean linkNotFound = status == 404 && endpoint != Endpoint.VERSION;
                    if (rejected.kind() == FailureKind.CREDENTIALS && !linkNotFound) {
                        engine.openCircuit(rejected.message());
                    }
                    yield new CadRequestException(rejected.kind().name(), rejected.message(), rejected.traceId());
                }
                case WireOutcome.RateLimited limited -> {
                    Duration hold = engine.rateLimited(endpoint, limited.retryAfter(), now);
                    long seconds = limited.retryAfter() == null ? 60 : Math.max(1, hold.toSeconds());
                    yield new CadRequestException("RATE_LIMITED", "the CAD is rate limiting this request; try again in "
                            + seconds + " s", limited.traceId());
                }
                case WireOutcome.NotFound notFound -> {
                    if (endpoint == Endpoint.VERSION) {
                        // The harmless request fails the same way: nothing at this address can work.
                        String reason = "the CAD address answers 404 (not found) even to the version check; check sonoran.base-url";
                        engine.openCircuit(reason);
                        yield new CadRequestException(FailureKind.CREDENTIALS.name(), reason, notFound.traceId());
                    }
                    yield new CadRequestException(FailureKind.TARGET_NOT_FOUND.name(), notFound.message(), notFound.traceId());
                }
                case WireOutcome.Transient problem -> new CadRequestException(problem.kind(), problem.message(), problem.traceId());
                case WireOutcome.Answered answered -> new CadRequestException(FailureKind.UNEXPECTED_RESPONSE.name(),
                        "unexpected answer", null);
            };
        } finally {
            lock.unlock();
        }
    }

    private static WireResponse execute(Call call) throws IOException {
        try (Response response = call.execute()) {
            String body = response.peekBody(MAX_BODY_BYTES).string();
            return new WireResponse(response.code(), response.headers(), body);
        }
    }

    private static String readable(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
    }

    /** Own wording, not the exception's text: OkHttp messages can carry URLs and are not written for server owners. */
    private WireOutcome.Transient transportFailure(IOException e, boolean requestStarted, SonoranWire wireUsed) {
        String where = settings.baseUrl().getHost() + (settings.baseUrl().getPort() > 0 ? ":" + settings.baseUrl().getPort() : "");
        if (e instanceof InterruptedIOException) {
            return new WireOutcome.Transient("TIMEOUT", "the CAD at " + where + " did not answer within "
                    + readable(settings.requestTimeout()), null, requestStarted);
        }
        if (e instanceof ConnectException) {
            return new WireOutcome.Transient("CONNECTION", "could not connect to the CAD at " + where
                    + " (connection refused)", null, requestStarted);
        }
        if (e instanceof UnknownHostException) {
            return new WireOutcome.Transient("CONNECTION", "cannot resolve the CAD host " + wireUsed.redact(settings.baseUrl().getHost()),
                    null, false);
        }
        return new WireOutcome.Transient("CONNECTION", "connection to the CAD at " + where + " failed ("
                + e.getClass().getSimpleName() + ")", null, requestStarted);
    }

    private static RequestBody oneShot(RequestBody body) {
        return new RequestBody() {
            @Override
            public MediaType contentType() {
                return body.contentType();
            }

            @Override
            public long contentLength() throws IOException {
                return body.contentLength();
            }

            @Override
            public void writeTo(BufferedSink sink) throws IOException {
                body.writeTo(sink);
            }

            @Override
            public boolean isOneShot() {
                return true;
            }
        };
    }

    @Override
    public String toString() {
        return "SonoranDispatcher[" + settings.generation() + " " + settings.baseUrl() + "]";
    }

    public static final class Builder {
        private final SonoranSettings settings;
        private DispatcherSettings dispatcherSettings = DispatcherSettings.defaults();
        private OutboxListener listener = OutboxListener.NONE;
        private Logger logger = Logger.getLogger("CadBridge");
        private Clock clock = Clock.systemUTC();
        private LongSupplier monotonicNanos = System::nanoTime;
        private DoubleSupplier jitter = () -> ThreadLocalRandom.current().nextDouble();
        private OkHttpClient httpClient;
        private String threadName = "CadBridge-Dispatcher";
        private RateLimit linkRateLimit = RateLimit.within(30);
        private RateLimit versionRateLimit = RateLimit.within(10);
        private boolean liftRateLimits;

        private Builder(SonoranSettings settings) {
            this.settings = Objects.requireNonNull(settings, "settings");
        }

        public Builder dispatcherSettings(DispatcherSettings value) {
            this.dispatcherSettings = Objects.requireNonNull(value);
            return this;
        }

        public Builder listener(OutboxListener value) {
            this.listener = Objects.requireNonNull(value);
            return this;
        }

        /** Paper gives each plugin a JUL logger; pass it here. */
        public Builder logger(Logger value) {
            this.logger = Objects.requireNonNull(value);
            return this;
        }

        /** The wall clock: accept times and deadlines only (they are stored and outlive a restart). */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value);
            return this;
        }

        /**
         * The monotonic clock in nanoseconds ({@link System#nanoTime()} by default) that paces
         * requests and times backoff and Retry-After, so that setting the system clock back cannot
         * freeze them. Tests that move a manual wall clock pass its monotonic twin here.
         */
        public Builder monotonicClock(LongSupplier nanos) {
            this.monotonicNanos = Objects.requireNonNull(nanos);
            return this;
        }

        /** Source of backoff jitter in [0, 1). */
        public Builder jitter(DoubleSupplier value) {
            this.jitter = Objects.requireNonNull(value);
            return this;
        }

        /** Shares a connection pool and dispatcher with other OkHttp users; timeouts are set from the settings. */
        public Builder httpClient(OkHttpClient value) {
            this.httpClient = Objects.requireNonNull(value);
            return this;
        }

        public Builder threadName(String value) {
            this.threadName = Objects.requireNonNull(value);
            return this;
        }

        public Builder linkRateLimit(RateLimit value) {
            this.linkRateLimit = Objects.requireNonNull(value);
            return this;
        }

        public Builder versionRateLimit(RateLimit value) {
            this.versionRateLimit = Objects.requireNonNull(value);
            return this;
        }

        /** Lifts every rate limit, for benchmarks and tests against a loopback server. Never for the real CAD. */
        public Builder withoutRateLimits() {
            this.liftRateLimits = true;
            return this;
        }

        /** Builds the dispatcher and starts its worker thread. */
        public SonoranDispatcher build() {
            return new SonoranDispatcher(this).start();
        }
    }
}
