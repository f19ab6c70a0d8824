package dev.cadbridge.live;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.microsoft.signalr.HubConnection;
import com.microsoft.signalr.HubConnectionBuilder;
import com.microsoft.signalr.HubConnectionState;
import com.microsoft.signalr.TransportEnum;
import dev.cadbridge.platform.TaskHandle;
import dev.cadbridge.sonoran.SonoranSettings;
import io.reactivex.rxjava3.plugins.RxJavaPlugins;
import io.reactivex.rxjava3.schedulers.Schedulers;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.DoubleSupplier;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;

/**
 * One live session with the CAD's SignalR hub ({@code /apiWsHub}): connect over WebSockets with
 * negotiation skipped, {@code authenticatev2(communityId, apiKey, serverId)}, then receive
 * {@code pushEvent}s until the connection drops; then connect again, forever, after a backoff
 * with jitter. A refused authentication stops it: the same credentials would be refused again,
 * so only a new session (after {@code /cad reload}) tries once more.
 *
 * <p>Nothing here runs on the server thread: the SignalR client calls back on its own threads and
 * the session schedules its own work on a {@link LiveScheduler}.
 */
public final class LiveSession {
    static final Duration FIRST_RETRY = Duration.ofSeconds(1);
    static final Duration LONGEST_RETRY = Duration.ofMinutes(1);
    /** From opening the socket to the answer of authenticatev2: longer means a hub that does not answer. */
    static final Duration AUTHENTICATION_TIMEOUT = Duration.ofSeconds(15);
    static final Duration HANDSHAKE_TIMEOUT = Duration.ofSeconds(10);
    static final Duration STOP_WAIT = Duration.ofSeconds(2);

    /** What the owner of the session hears. Called on the session's threads. */
    public interface Observer {
        /** Authenticated: a good moment to seed the unit cache (once per connection). */
        void authenticated();

        /** The CAD refused the credentials; the session stays stopped. */
        void refused(String reason);
    }

    private final SonoranSettings target;
    private final URI hubUrl;
    private final Clock clock;
    private final LiveScheduler scheduler;
    private final DoubleSupplier random;
    private final Function<JsonElement, LiveEvents.Outcome> events;
    private final Observer observer;
    private final Logger logger;

    private final AtomicLong eventsReceived = new AtomicLong();
    private final AtomicLong wrongKey = new AtomicLong();
    private volatile Instant lastEventAt;

    // guarded by this
    private LiveStatus.State state = LiveStatus.State.CONNECTING;
    private Instant since;
    private int generation;
    private long failuresInARow;
    private long reconnects;
    private String lastError;
    private Instant lastErrorAt;
    private Connection current;
    private TaskHandle nextAttempt = TaskHandle.NONE;

    /** A hub connection and the OkHttp threads it runs on, which the session owns and shuts down itself. */
    private record Connection(HubConnection hub, ExecutorService httpThreads, ConnectionPool pool) {}

    public LiveSession(SonoranSettings target, URI hubUrl, Clock clock, LiveScheduler scheduler, DoubleSupplier random,
                       Function<JsonElement, LiveEvents.Outcome> events, Observer observer, Logger logger) {
        this.target = target;
        this.hubUrl = hubUrl;
        this.clock = clock;
        this.scheduler = scheduler;
        this.random = random;
        this.events = events;
        this.observer = observer;
        this.logger = logger;
        this.since = clock.instant();
    }

    /** {@code /apiWsHub} on the API host. */
    public static URI hubUrl(URI baseUrl) {
        String base = baseUrl.toString();
        return URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/apiWsHub");
    }

    public void start() {
        // The SignalR client runs on RxJava's shared schedulers; a plugin disable stops them (no thread
        // left behind), so a session started afterwards in the same class loader starts them again.
        Schedulers.start();
        // An error reaching RxJava after its flow ended (a connection already given up) is not news:
        // without a handler RxJava prints it as a crash on the console.
        RxJavaPlugins.setErrorHandler(error -> logger.log(Level.FINE, "SignalR client error after the fact", error));
        scheduler.execute(this::attempt);
    }

    /** Stops for good: no more attempts, the connection closed on the session's scheduler (bounded). */
    public void close() {
        Connection closing;
        synchronized (this) {
            if (state == LiveStatus.State.STOPPED) {
                return;
            }
            generation++;
            nextAttempt.cancel();
            closing = current;
            current = null;
            enter(LiveStatus.State.STOPPED);
        }
        if (closing != null) {
            scheduler.execute(() -> shutDown(closing));
        }
    }

    public synchronized boolean connected() {
        return state == LiveStatus.State.CONNECTED;
    }

    public synchronized LiveStatus status(int units) {
        return new LiveStatus(state, since, lastEventAt, eventsReceived.get(), wrongKey.get(), reconnects, lastError, lastErrorAt, units);
    }

    /**
     * Calls a hub method of the connected session; fails at once when it is not connected. The
     * answer is the method's result ({@code {success, error, count}} for Sonoran's methods).
     */
    public CompletableFuture<JsonElement> invoke(String method, Object... arguments) {
        HubConnection hub;
        synchronized (this) {
            hub = state == LiveStatus.State.CONNECTED && current != null ? current.hub() : null;
        }
        CompletableFuture<JsonElement> answer = new CompletableFuture<>();
        if (hub == null) {
            answer.completeExceptionally(new IllegalStateException("the live session is not connected"));
            return answer;
        }
        try {
            hub.invoke(JsonElement.class, method, arguments).subscribe(answer::complete, answer::completeExceptionally);
        } catch (RuntimeException e) {
            answer.completeExceptionally(e);
        }
        return answer;
    }

    private void attempt() {
        Connection connection;
        int attempt;
        synchronized (this) {
            if (state == LiveStatus.State.STOPPED || state == LiveStatus.State.REFUSED) {
                return;
            }
            attempt = ++generation;
            try {
                connection = open();
            } catch (RuntimeException e) {
                failed(attempt, null, "cannot open the live session: " + e.getMessage());
                return;
            }
            current = connection;
        }
        HubConnection hub = connection.hub();
        hub.on("pushEvent", payload -> received(payload), JsonElement.class);
        hub.onClosed(error -> failed(attempt, connection, error == null ? "the CAD's hub closed the connection" : describe(error)));
        TaskHandle timeout = scheduler.schedule(() -> failed(attempt, connection,
                "the CAD's hub did not answer within " + AUTHENTICATION_TIMEOUT.toSeconds() + " s"), AUTHENTICATION_TIMEOUT);
        CompletableFuture<JsonElement> authentication = new CompletableFuture<>();
        try {
            hub.start().subscribe(() -> hub.invoke(JsonElement.class, "authenticatev2", target.communityId(),
                            target.apiKey().reveal(), target.serverId())
                    .subscribe(authentication::complete, authentication::completeExceptionally),
                    authentication::completeExceptionally);
        } catch (RuntimeException e) {
            authentication.completeExceptionally(e);
        }
        authentication.whenComplete((answer, error) -> {
            timeout.cancel();
            if (error != null) {
                failed(attempt, connection, describe(error));
            } else {
                answered(attempt, connection, answer);
            }
        });
    }

    private Connection open() {
        ExecutorService httpThreads = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 10, TimeUnit.SECONDS,
                new SynchronousQueue<>(), task -> {
                    Thread thread = new Thread(task, "CadBridge-Live-http");
                    thread.setDaemon(true);
                    return thread;
                });
        ConnectionPool pool = new ConnectionPool();
        HubConnection hub = HubConnectionBuilder.create(hubUrl.toString())
                .withTransport(TransportEnum.WEBSOCKETS)
                .shouldSkipNegotiate(true)
                .withHandshakeResponseTimeout(HANDSHAKE_TIMEOUT.toMillis())
                .setHttpClientBuilderCallback(builder -> builder
                        .dispatcher(new Dispatcher(httpThreads))
                        .connectionPool(pool)
                        .connectTimeout(target.connectTimeout())
                        .followRedirects(false)
                        .followSslRedirects(false))
                .build();
        return new Connection(hub, httpThreads, pool);
    }

    private void answered(int attempt, Connection connection, JsonElement answer) {
        JsonObject result = answer != null && answer.isJsonObject() ? answer.getAsJsonObject() : null;
        boolean success = result != null && Json.flag(result, "success");
        String refusal = result == null ? "an answer that is not {success, error}" : Json.text(result, "error");
        synchronized (this) {
            if (attempt != generation) {
                return;
            }
            if (!success) {
                generation++;
                current = null;
                lastError = "the CAD refused the live session: " + (refusal.isEmpty() ? "no reason given" : refusal);
                lastErrorAt = clock.instant();
                enter(LiveStatus.State.REFUSED);
            } else {
                failuresInARow = 0;
                enter(LiveStatus.State.CONNECTED);
            }
        }
        if (!success) {
            scheduler.execute(() -> shutDown(connection));
            observer.refused(refusal.isEmpty() ? "no reason given" : refusal);
            return;
        }
        logger.info("Live session with the CAD connected (server " + target.serverId() + ").");
        observer.authenticated();
    }

    /** Whatever went wrong with {@code attempt}: forget its connection and try again later. */
    private void failed(int attempt, Connection connection, String reason) {
        Duration delay;
        boolean wasConnected;
        boolean firstFailure;
        synchronized (this) {
            if (attempt != generation || state == LiveStatus.State.STOPPED || state == LiveStatus.State.REFUSED) {
                return;
            }
            generation++;
            current = null;
            wasConnected = state == LiveStatus.State.CONNECTED;
            firstFailure = state == LiveStatus.State.CONNECTING;
            reconnects++;
            lastError = reason;
            lastErrorAt = clock.instant();
            delay = backoff(failuresInARow++);
            enter(LiveStatus.State.RECONNECTING);
            nextAttempt = scheduler.schedule(this::attempt, delay);
        }
        if (connection != null) {
            scheduler.execute(() -> shutDown(connection));
        }
        if (wasConnected) {
            logger.warning("Live session with the CAD lost: " + reason + ". Reconnecting in the background.");
        } else if (firstFailure) {
            logger.warning("Live session with the CAD could not connect: " + reason + ". Retrying in the background;"
                    + " /cad status shows how it goes.");
        }
    }

    /** Exponential, capped, with "equal jitter": half the delay fixed, half random, so servers do not retry in step. */
    Duration backoff(long failures) {
        long cap = Math.min(LONGEST_RETRY.toMillis(), FIRST_RETRY.toMillis() << Math.min(failures, 16));
        double fraction = 0.5 + 0.5 * Math.max(0, Math.min(1, random.getAsDouble()));
        return Duration.ofMillis((long) (cap * fraction));
    }

    private void received(JsonElement payload) {
        LiveEvents.Outcome outcome;
        try {
            outcome = events.apply(payload);
        } catch (RuntimeException e) {
            logger.log(Level.WARNING, "A CAD event could not be handled", e);
            return;
        }
        switch (outcome) {
            case HANDLED -> {
                eventsReceived.incrementAndGet();
                lastEventAt = clock.instant();
            }
            case WRONG_KEY -> wrongKey.incrementAndGet();
            case NOT_AN_EVENT -> { }
        }
    }

    private void enter(LiveStatus.State next) {
        if (state != next) {
            state = next;
            since = clock.instant();
        }
    }

    /** Bounded: a hub that does not answer the close gets {@link #STOP_WAIT}, then the threads are stopped anyway. */
    private void shutDown(Connection connection) {
        HubConnection hub = connection.hub();
        try {
            if (hub.getConnectionState() != HubConnectionState.DISCONNECTED) {
                hub.stop().blockingAwait(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (RuntimeException e) {
            // a hub closing at the same moment makes stop() fail; the socket is gone either way
        }
        connection.httpThreads().shutdownNow();
        connection.pool().evictAll();
    }

    private String describe(Throwable error) {
        Throwable cause = error;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        String where = hubUrl.getHost() + (hubUrl.getPort() > 0 ? ":" + hubUrl.getPort() : "");
        if (cause instanceof ConnectException) {
            return "could not connect to the CAD's hub at " + where + " (connection refused)";
        }
        if (cause instanceof UnknownHostException) {
            return "cannot resolve the CAD host " + hubUrl.getHost();
        }
        if (cause instanceof SocketTimeoutException) {
            return "the CAD's hub at " + where + " did not answer in time";
        }
        String message = cause.getMessage();
        String text = message == null || message.isBlank() ? cause.getClass().getSimpleName() : message;
        return redact(text);
    }

    /** Client messages can quote what was sent; the key must never reach a log or /cad status. */
    private String redact(String text) {
        String key = target.apiKey().reveal();
        return key.isEmpty() ? text : text.replace(key, "***");
    }
}
