package dev.cadbridge.sandbox;

import static org.awaitility.Awaitility.await;

import com.google.gson.JsonObject;
import dev.cadbridge.sonoran.ApiGeneration;
import dev.cadbridge.sonoran.OperationType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import javax.net.ServerSocketFactory;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import okhttp3.HttpUrl;

/**
 * A strict fake of the Sonoran CAD API, both generations, on a loopback port. Use it for every
 * integration test, restart/crash test, reliability test and benchmark instead of the real API.
 *
 * <h2>Quick start</h2>
 * <pre>{@code
 * MutableClock clock = new MutableClock();
 * try (SonoranSandbox cad = new SonoranSandbox(clock).start()) {
 *     // configure the client with cad.baseUrl(), cad.apiKey(), cad.communityId(), server id 1
 *     long callId = cad.addCall("Armed Robbery");          // a call a dispatcher opened in the CAD
 *     ... client.submit(new AttachUnits(callId, List.of("player-1"))) ...
 *     cad.awaitRequests(1);
 *     assertThat(cad.attachments()).extracting(SandboxEvent.Attachment::unitId).containsExactly("player-1");
 *     assertThat(cad.violations()).isEmpty();                 // the client followed the docs
 * }
 * }</pre>
 *
 * <h2>What it checks</h2>
 * Every request is checked against the documentation ({@code shared/sonoran-api}): method, exact
 * path, headers ({@code Authorization: Bearer <key>} on v2, {@code Content-Type: application/json}
 * on every body), query, and body shape and types (undocumented properties are violations too).
 * v1 uses the SDK's endpoint/type pairs ({@code /emergency/attach_unit} + {@code ATTACH_UNIT} ...).
 * A breach is answered as the real API would (v2 400 problem+json naming the problem, v1 400
 * {@code INVALID REQUEST TYPE}, v1 unknown path 200 {@code Backend Service Reached}) and recorded:
 * {@link #violations()} should be empty at the end of every client test. Wrong credentials are not
 * violations (v2 401 problem+json with {@code traceId} and {@code x-trace-id}; v1 400
 * {@code INVALID API KEY} / {@code INVALID COMMUNITY ID}); neither is an unknown serverId (v2 404).
 *
 * <h2>What it answers</h2>
 * Exactly the documented shapes: attach {@code {callId, identIds}}, detach {@code {identIds}},
 * kick {@code {identId, reason}} or for an array {@code {count, kicked:[...]}}, create (status 201,
 * as the page's OpenAPI says) the call object with {@code callId}, close {@code {callIds}}, links,
 * version. v1: {@code UNITS ATTACHED}, {@code UNITS DETACHED}, {@code UNIT KICKED},
 * {@code NEW DISPATCH CREATED - ID: n}, {@code CALL CLOSED}. Decisions where the pages are silent
 * are listed on {@link V2Protocol} and {@link V1Protocol}; the main ones: attaching to an unknown
 * or closed call answers 404 ({@code CALL NOT FOUND} on v1); unknown call ids are left out of a v2
 * close answer; by default every communityUserId/apiId is a known unit, and with
 * {@link #setRequireLinkedUnits(boolean)} only linked ones are (others are left out of answers, or
 * 404 when none resolve); a unit sent off duty with {@link #logOff(String)} is left out of v2 attach,
 * detach and kick answers and not acted on (v1 answers its usual text); v1 {@code NEW_DISPATCH}
 * must send {@code notes} as an array.
 *
 * <h2>Rate limits</h2>
 * v2: the documented per-minute limits per API key per route (attach/detach 10, kick/dispatch/
 * close 20, links 30, version 10, units 3, calls 5, heartbeat 10,
 * 911 call 10, remove 911 call 10, panic 20, status 30, call note 60), enforced as a sliding 60-second window on the
 * injected clock: 429 {@code {"message":"API rate limit exceeded","request_id":...}} with
 * {@code Retry-After} ({@link RetryAfterStyle}). v1: a token bucket per key, default burst 3 then
 * one per second. {@link #setRateLimitsEnabled(boolean)} lifts all limits (benchmarks). Order of
 * checks is the gateway's: fault, auth, limit, then the API's own checks.
 *
 * <h2>Faults</h2>
 * {@link #stop()}/{@link #start()} (connection refused, then back on the same port),
 * {@link #inject(SandboxFault)} / {@link #inject(SandboxFault, int)} for slow, 5xx, 429 storm,
 * reset mid-response, garbage body, HTML 502 (see {@link SandboxFault} for which of them still
 * apply the request), {@link #revokeKey()}.
 *
 * <h2>Observing</h2>
 * {@link #requests()}, {@link #requestsTo(SandboxEndpoint)}, {@link #violations()},
 * {@link #deliveredKicks()}, {@link #attachments()}, {@link #detachments()},
 * {@link #createdCalls()}, {@link #closedCalls()}, {@link #rateLimitedCount()},
 * {@link #awaitRequests(int)}. Everything is thread-safe; snapshots are immutable copies.
 *
 * <p>Standalone: {@code java ... dev.cadbridge.sandbox.SonoranSandbox --port 8089 [--key K]
 * [--community C] [--servers 1,2] [--no-limits]} (for benchmarks in another JVM).
 */
public final class SonoranSandbox implements AutoCloseable {

    /** How 429 answers state {@code Retry-After}. */
    public enum RetryAfterStyle {
        /** {@code Retry-After: 17} */
        SECONDS,
        /** {@code Retry-After: Thu, 13 Aug 2026 12:00:17 GMT}, computed on the sandbox clock. */
        HTTP_DATE,
        /** No header at all ("possibly Retry-After", says the README): the client must back off on its own. */
        ABSENT
    }

    public static final String DEFAULT_API_KEY = "sandbox-api-key-0123456789";
    public static final String DEFAULT_COMMUNITY_ID = "sandbox-community";

    private static final Duration DEFAULT_AWAIT = Duration.ofSeconds(10);
    private static final DateTimeFormatter HTTP_DATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);
    private static final String GARBAGE_BODY = "}{ garbage \"callId\": 10";
    private static final String BAD_GATEWAY_HTML = "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n"
            + "<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n";

    /** An injected fault and how many more requests it covers (-1: until cleared). */
    private static final class ActiveFault {
        final SandboxFault fault;
        int remaining;

        ActiveFault(SandboxFault fault, int remaining) {
            this.fault = fault;
            this.remaining = remaining;
        }
    }

    /** The faults that apply to one request. */
    private record FaultsForRequest(Duration delay, SandboxFault gateway, SandboxFault spoiler, SandboxFault slow) {
        SandboxFault shown() {
            return gateway != null ? gateway : spoiler != null ? spoiler : slow;
        }
    }

    private final Clock clock;
    private final Random random;
    private final SandboxState state;
    private final V1Protocol v1;
    private final V2Protocol v2;
    private final SlidingWindowLimiter v2Limiter = new SlidingWindowLimiter();
    private final TokenBucketLimiter v1Limiter = new TokenBucketLimiter(3, Duration.ofSeconds(1));
    private final Map<SandboxEndpoint, Integer> v2Limits = new EnumMap<>(SandboxEndpoint.class);
    private final Map<OperationType, SandboxPlan> requiredPlans = new EnumMap<>(OperationType.class);
    private final List<ActiveFault> faults = new ArrayList<>();
    private final List<SandboxRequest> log = new ArrayList<>();
    private final List<SandboxRequest> violations = new ArrayList<>();

    // Guarded by this.
    private String apiKey = DEFAULT_API_KEY;
    private boolean keyRevoked;
    private String communityId = DEFAULT_COMMUNITY_ID;
    private Set<Integer> serverIds = Set.of(1);
    private SandboxPlan plan = SandboxPlan.PLUS;
    private boolean rateLimitsEnabled = true;
    private boolean v1RateLimitEnabled = true;
    private RetryAfterStyle retryAfterStyle = RetryAfterStyle.SECONDS;
    private int unlinkedCheckStatus;
    private boolean recordRequests = true;
    private long requestCount;
    private long rateLimitedCount;

    // Guarded by lifecycle, never by this: MockWebServer.close() waits for request threads, which take this.
    private final Object lifecycle = new Object();
    private MockWebServer server;
    private volatile int port;

    /** A sandbox on the system clock. Call {@link #start()}. */
    public SonoranSandbox() {
        this(Clock.systemUTC());
    }

    /** A sandbox whose rate-limit windows, link-code expiry and timestamps follow {@code clock}. */
    public SonoranSandbox(Clock clock) {
        this(clock, 20260813L);
    }

    /** As {@link #SonoranSandbox(Clock)}, with the seed for 5xx percentages, link codes and trace ids. */
    public SonoranSandbox(Clock clock, long seed) {
        this.clock = clock;
        this.random = new Random(seed);
        this.state = new SandboxState(clock, random);
        this.v1 = new V1Protocol(this, state);
        this.v2 = new V2Protocol(this, state);
        for (SandboxEndpoint endpoint : SandboxEndpoint.values()) {
            if (endpoint.documentedPerMinute() > 0) {
                v2Limits.put(endpoint, endpoint.documentedPerMinute());
            }
        }
        requiredPlans.put(OperationType.ATTACH, SandboxPlan.PLUS);
        requiredPlans.put(OperationType.DETACH, SandboxPlan.PLUS);
        requiredPlans.put(OperationType.NEW_DISPATCH, SandboxPlan.PLUS);
        requiredPlans.put(OperationType.KICK, SandboxPlan.STANDARD);
        requiredPlans.put(OperationType.CLOSE, SandboxPlan.STANDARD);
    }

    // ------------------------------------------------------------------ lifecycle

    /**
     * Starts listening on 127.0.0.1: an ephemeral port the first time, the same port after
     * {@link #stop()}. Returns this, for {@code try (var cad = new SonoranSandbox().start())}.
     */
    public SonoranSandbox start() {
        return start(port);
    }

    /** Starts on a given port (0 for ephemeral). */
    public SonoranSandbox start(int requestedPort) {
        synchronized (lifecycle) {
            if (server != null) {
                return this;
            }
            MockWebServer fresh = new MockWebServer();
            fresh.setServerSocketFactory(new NoDelayServerSocketFactory());
            fresh.setDispatcher(new SandboxDispatcher(fresh));
            try {
                fresh.start(InetAddress.getByName("127.0.0.1"), requestedPort);
            } catch (IOException e) {
                throw new UncheckedIOException("sandbox could not listen on 127.0.0.1:" + requestedPort, e);
            }
            server = fresh;
            port = fresh.getPort();
            return this;
        }
    }

    /** Stops listening and cuts open connections: the client sees connection refused until {@link #start()}. */
    public void stop() {
        synchronized (lifecycle) {
            if (server != null) {
                server.close();
                server = null;
            }
        }
    }

    public boolean isRunning() {
        synchronized (lifecycle) {
            return server != null;
        }
    }

    /** Same as {@link #stop()}; state and records stay readable. */
    @Override
    public void close() {
        stop();
    }

    /** The port, kept across stop and start. */
    public int port() {
        if (port == 0) {
            throw new IllegalStateException("the sandbox has never been started");
        }
        return port;
    }

    /** {@code http://127.0.0.1:<port>}; the client appends {@code /v2/...} or {@code /emergency/...}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    // ------------------------------------------------------------------ configuration

    public synchronized String apiKey() {
        return apiKey;
    }

    private volatile FakeHub hub;

    /**
     * Adds the websocket hub ({@code /apiWsHub}, SignalR JSON) with this sandbox's key, community id
     * and servers, on the same port. Returns it.
     */
    public synchronized FakeHub withHub(List<Integer> serverIds) {
        hub = new FakeHub(apiKey, communityId(), serverIds, clock);
        return hub;
    }

    public boolean hasHub() {
        return hub != null;
    }

    /** Sets the key the API accepts (and un-revokes it). */
    public synchronized void setApiKey(String apiKey) {
        this.apiKey = apiKey;
        this.keyRevoked = false;
    }

    /** From now on every request is refused as with a wrong key (v2 401, v1 {@code INVALID API KEY}). */
    public synchronized void revokeKey() {
        keyRevoked = true;
    }

    public synchronized void restoreKey() {
        keyRevoked = false;
    }

    public synchronized String communityId() {
        return communityId;
    }

    public synchronized void setCommunityId(String communityId) {
        this.communityId = communityId;
    }

    /** {@code communityUuid} in link answers, derived from the community id. */
    public synchronized String communityUuid() {
        return UUID.nameUUIDFromBytes(communityId.getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString();
    }

    public synchronized Set<Integer> serverIds() {
        return serverIds;
    }

    /** The configured CAD servers (default just 1); others answer v2 404, v1 {@code INVALID SERVER ID}. */
    public synchronized void setServerIds(int... ids) {
        serverIds = Arrays.stream(ids).boxed().collect(Collectors.toUnmodifiableSet());
    }

    public synchronized SandboxPlan plan() {
        return plan;
    }

    /** The community's plan (default PLUS, which allows all five operations). */
    public synchronized void setPlan(SandboxPlan plan) {
        this.plan = plan;
    }

    /**
     * The plan an operation needs (defaults from the v1 pages: attach, detach, new dispatch PLUS;
     * kick, close STANDARD). Raise one above {@link #plan()} to make just that operation answer
     * v2 402 / v1 {@code VERSION ... REQUIRED}.
     */
    public synchronized void setRequiredPlan(OperationType operation, SandboxPlan required) {
        requiredPlans.put(operation, required);
    }

    synchronized SandboxPlan requiredPlan(SandboxEndpoint endpoint) {
        if (endpoint.operation().isPresent()) {
            return requiredPlans.getOrDefault(endpoint.operation().get(), SandboxPlan.STANDARD);
        }
        return endpoint == SandboxEndpoint.V2_VERSION ? SandboxPlan.FREE : SandboxPlan.STANDARD;
    }

    /** Off lifts every limit, v1 and v2 (benchmarks). On by default. */
    public synchronized void setRateLimitsEnabled(boolean enabled) {
        rateLimitsEnabled = enabled;
    }

    /** Overrides one v2 route's per-minute limit. */
    public synchronized void setV2RateLimit(SandboxEndpoint endpoint, int perMinute) {
        if (endpoint.generation() != ApiGeneration.V2 || perMinute < 1) {
            throw new IllegalArgumentException("needs a v2 route and a limit >= 1");
        }
        v2Limits.put(endpoint, perMinute);
    }

    /** v1 token bucket per key: {@code burst} at once, then one per {@code refillEvery}. */
    public synchronized void setV1RateLimit(int burst, Duration refillEvery) {
        v1Limiter.configure(burst, refillEvery);
    }

    public synchronized void setV1RateLimitEnabled(boolean enabled) {
        v1RateLimitEnabled = enabled;
    }

    public synchronized void setRetryAfterStyle(RetryAfterStyle style) {
        retryAfterStyle = style;
    }

    /**
     * Answers a v2 link check for a user who is not linked with this non-2xx status and the body
     * {@code {"success":false}}, as Sonoran's own game resource says the CAD sometimes does, instead
     * of the documented 200 {@code {"linked":false}}. 0 (the default) turns it off.
     */
    public synchronized void setUnlinkedCheckStatus(int status) {
        unlinkedCheckStatus = status;
    }

    synchronized int unlinkedCheckStatus() {
        return unlinkedCheckStatus;
    }

    /**
     * The unit goes off duty: it keeps its identifier, but v2 attach, detach and kick leave it out
     * of their answers (a single kick answers 404) and do nothing to it; v1 answers its usual text
     * and does nothing to it either. Every unit is logged in until this is called.
     */
    public synchronized void logOff(String unitId) {
        state.logOff(unitId);
    }

    /** The callsign ({@code data.unitNum}) and name the active units answer shows for the unit. */
    public synchronized void setUnitProfile(String unitId, String unitNumber, String name) {
        state.setUnitProfile(unitId, new SandboxState.UnitProfile(unitNumber, name));
    }

    /** The unit's identifier id, as answers and call lists name it (assigned on first use). */
    public synchronized Optional<Integer> identIdOf(String unitId) {
        return state.resolveUnit(unitId);
    }

    public synchronized void logIn(String unitId) {
        state.logIn(unitId);
    }

    /** Strict mode: only communityUserIds/apiIds with a linked account count as units. Off by default. */
    public synchronized void setRequireLinkedUnits(boolean required) {
        state.setRequireLinkedUnits(required);
    }

    /** The id the next created call gets (default 1001). */
    public synchronized void setNextCallId(long callId) {
        state.setNextCallId(callId);
    }

    /** Off keeps counters, events and violations but not the per-request log (long benchmarks). */
    public synchronized void setRecordRequests(boolean record) {
        recordRequests = record;
    }

    // ------------------------------------------------------------------ CAD-side actions

    /** An active call a dispatcher opened in the CAD, on server 1. Returns its id. */
    /** A dispatcher closes the call in the CAD (not through the API, so no event is logged). */
    public synchronized void closeCall(long callId) {
        state.closeInCad(callId);
    }

    public long addCall(String title) {
        return addCall(1, title);
    }

    public synchronized long addCall(int serverId, String title) {
        SandboxState.NewCall spec = new SandboxState.NewCall(0, SandboxCall.ACTIVE, 2, title, "", "", "", "", "", "[]", Map.of());
        return state.createCall(serverId, spec, null).callId;
    }

    /** An active call a dispatcher opened in the CAD with an address, on server 1. Returns its id. */
    public synchronized long addCall(String title, String address) {
        SandboxState.NewCall spec = new SandboxState.NewCall(0, SandboxCall.ACTIVE, 2, title, "", "", address, "", "", "[]", Map.of());
        return state.createCall(1, spec, null).callId;
    }

    /** A dispatcher attaches the unit of {@code communityUserId} to the call in the CAD (not through the API). */
    public synchronized void attachInCad(long callId, String communityUserId) {
        state.attachInCad(callId, communityUserId);
    }

    /** A user who linked their account before the test started. */
    public synchronized void link(String communityUserId, String accountUuid) {
        state.link(communityUserId, accountUuid);
    }

    /**
     * The user enters the live code issued for {@code communityUserId} in the CAD. Throws
     * {@link IllegalStateException} if no code was issued or it expired (600 s on the sandbox clock).
     */
    public synchronized void completeLink(String communityUserId, String accountUuid) {
        String code = state.liveCodeFor(communityUserId)
                .orElseThrow(() -> new IllegalStateException("no live link code for " + communityUserId))
                .code();
        state.redeemCode(code, accountUuid);
    }

    /** The user enters {@code code} in the CAD; returns the communityUserId it linked. */
    public synchronized String enterLinkCode(String code, String accountUuid) {
        return state.redeemCode(code, accountUuid);
    }

    /** The unexpired code last issued for this user, if any. */
    public synchronized Optional<String> liveLinkCode(String communityUserId) {
        return state.liveCodeFor(communityUserId).map(SandboxState.LinkCode::code);
    }

    public synchronized Optional<String> linkedAccount(String communityUserId) {
        return state.accountFor(communityUserId);
    }

    // ------------------------------------------------------------------ faults

    /** Applies {@code fault} to every request until {@link #clearFaults()}. */
    public synchronized void inject(SandboxFault fault) {
        faults.add(new ActiveFault(fault, -1));
    }

    /** Applies {@code fault} to the next {@code requests} requests. */
    public synchronized void inject(SandboxFault fault, int requests) {
        if (requests < 1) {
            throw new IllegalArgumentException("requests must be >= 1");
        }
        faults.add(new ActiveFault(fault, requests));
    }

    public synchronized void clearFaults() {
        faults.clear();
    }

    /**
     * Picks the faults for one request, oldest injection first: all Slow delays add up, the first
     * gateway fault that fires answers, else the first lost-answer fault spoils the answer.
     */
    private FaultsForRequest takeFaults() {
        Duration delay = Duration.ZERO;
        SandboxFault gateway = null;
        SandboxFault spoiler = null;
        SandboxFault slow = null;
        for (Iterator<ActiveFault> it = faults.iterator(); it.hasNext(); ) {
            ActiveFault active = it.next();
            SandboxFault fault = active.fault;
            if (fault instanceof SandboxFault.Slow s) {
                delay = delay.plus(s.delay());
                slow = fault;
            } else if (fault instanceof SandboxFault.ServerErrors errors) {
                if (gateway == null && random.nextInt(100) < errors.percent()) {
                    gateway = fault;
                }
            } else if (fault.replacesAnswer()) {
                gateway = gateway == null ? fault : gateway;
            } else {
                spoiler = spoiler == null ? fault : spoiler;
            }
            if (active.remaining > 0 && --active.remaining == 0) {
                it.remove();
            }
        }
        return new FaultsForRequest(delay, gateway, gateway == null ? spoiler : null, slow);
    }

    // ------------------------------------------------------------------ observing

    /** Every request so far, oldest first (unless recording is off). */
    public synchronized List<SandboxRequest> requests() {
        return List.copyOf(log);
    }

    public synchronized List<SandboxRequest> requestsTo(SandboxEndpoint endpoint) {
        return recorded(r -> r.endpoint() == endpoint);
    }

    /** Requests for one of the five operations, either generation. */
    public synchronized List<SandboxRequest> requestsTo(OperationType operation) {
        return recorded(r -> r.endpoint().operation().filter(operation::equals).isPresent());
    }

    /** Requests whose path is exactly {@code path} (e.g. {@code /emergency/kick_unit}). */
    public synchronized List<SandboxRequest> requestsTo(String path) {
        return recorded(r -> r.path().equals(path));
    }

    private List<SandboxRequest> recorded(Predicate<SandboxRequest> filter) {
        return log.stream().filter(filter).toList();
    }

    /** Requests that broke the documentation; kept even when request recording is off. */
    public synchronized List<SandboxRequest> violations() {
        return List.copyOf(violations);
    }

    /** Every kick the CAD carried out, duplicates included, oldest first. */
    public List<SandboxEvent.Kick> deliveredKicks() {
        return eventsOf(SandboxEvent.Kick.class);
    }

    public List<SandboxEvent.Attachment> attachments() {
        return eventsOf(SandboxEvent.Attachment.class);
    }

    public List<SandboxEvent.Detachment> detachments() {
        return eventsOf(SandboxEvent.Detachment.class);
    }

    /** Ids of calls closed through the API, once per close, oldest first. */
    public List<Long> closedCalls() {
        return eventsOf(SandboxEvent.CallClosed.class).stream().map(SandboxEvent.CallClosed::callId).toList();
    }

    /** Calls created through the API (either generation), as they are now, oldest first. */
    public synchronized List<SandboxCall> createdCalls() {
        return state.storedCalls().stream().filter(c -> c.createdBy != null).map(SandboxState.StoredCall::snapshot).toList();
    }

    /** Every call, seeded or created, as it is now. */
    public synchronized List<SandboxCall> calls() {
        return state.storedCalls().stream().map(SandboxState.StoredCall::snapshot).toList();
    }

    public synchronized Optional<SandboxCall> call(long callId) {
        return state.storedCall(callId).map(SandboxState.StoredCall::snapshot);
    }

    /** Everything the CAD did through the API, oldest first. */
    public synchronized List<SandboxEvent> events() {
        return state.events();
    }

    private synchronized <T extends SandboxEvent> List<T> eventsOf(Class<T> type) {
        return state.events().stream().filter(type::isInstance).map(type::cast).toList();
    }

    public synchronized long requestCount() {
        return requestCount;
    }

    /** How many requests were answered 429 (rate limit or storm). */
    public synchronized long rateLimitedCount() {
        return rateLimitedCount;
    }

    /** Forgets the request log, violations, events and counters; calls, links and configuration stay. */
    public synchronized void clearRecords() {
        log.clear();
        violations.clear();
        state.clearEvents();
        requestCount = 0;
        rateLimitedCount = 0;
    }

    /** Waits (up to 10 s) until at least {@code count} requests have been answered in total. */
    public void awaitRequests(int count) {
        awaitRequests(count, DEFAULT_AWAIT);
    }

    public void awaitRequests(int count, Duration atMost) {
        await("sandbox to receive " + count + " requests").atMost(atMost).pollInterval(Duration.ofMillis(5))
                .until(() -> requestCount() >= count);
    }

    /** Waits (up to 10 s) until at least {@code count} requests to {@code endpoint} have been answered. */
    public void awaitRequestsTo(SandboxEndpoint endpoint, int count) {
        await("sandbox to receive " + count + " requests to " + endpoint).atMost(DEFAULT_AWAIT)
                .pollInterval(Duration.ofMillis(5)).until(() -> requestsTo(endpoint).size() >= count);
    }

    // ------------------------------------------------------------------ shared by the protocols

    synchronized boolean acceptsKey(String key) {
        return !keyRevoked && apiKey.equals(key);
    }

    /** Counts the request against its limit; a 429 answer if it is over. */
    synchronized Optional<Reply> rateLimit(String key, SandboxEndpoint endpoint) {
        if (!rateLimitsEnabled) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        Optional<Duration> wait;
        if (endpoint.generation() == ApiGeneration.V2) {
            wait = v2Limiter.tryAcquire(endpoint + " " + key, v2Limits.get(endpoint), now);
        } else {
            wait = v1RateLimitEnabled ? v1Limiter.tryAcquire(key, now) : Optional.empty();
        }
        return wait.map(this::tooManyRequests);
    }

    private Reply tooManyRequests(Duration wait) {
        String requestId = HexFormat.of().formatHex(randomBytes(16));
        JsonObject body = new JsonObject();
        body.addProperty("message", "API rate limit exceeded");
        body.addProperty("request_id", requestId);
        Reply reply = Reply.json(429, body).withHeader("x-kong-request-id", requestId);
        long seconds = (wait.toMillis() + 999) / 1000;
        return switch (retryAfterStyle) {
            case SECONDS -> reply.withHeader("Retry-After", Long.toString(seconds));
            case HTTP_DATE -> reply.withHeader("Retry-After", HTTP_DATE.format(clock.instant().plusSeconds(seconds)));
            case ABSENT -> reply;
        };
    }

    /** A v2 error: problem+json with a traceId, which also goes in {@code x-trace-id}. */
    Reply problem(Exchange ex, int status, String detail) {
        String traceId = "00-" + HexFormat.of().formatHex(randomBytes(16)) + "-" + HexFormat.of().formatHex(randomBytes(8)) + "-01";
        JsonObject body = new JsonObject();
        body.addProperty("type", "https://httpstatuses.com/" + status);
        body.addProperty("title", reasonPhrase(status));
        body.addProperty("status", status);
        body.addProperty("detail", detail);
        body.addProperty("instance", ex.path());
        body.addProperty("traceId", traceId);
        return Reply.problem(body).withHeader("x-trace-id", traceId);
    }

    /** The answer of a gateway fault, shaped for the generation the request was meant for. */
    Reply gatewayReply(SandboxFault fault, Exchange ex) {
        boolean isV2 = isV2Path(ex.path());
        return switch (fault) {
            case SandboxFault.ServerErrors errors -> isV2
                    ? problem(ex, errors.status(), "The server encountered an unexpected condition.")
                    : Reply.text(errors.status(), reasonPhrase(errors.status()).toUpperCase(Locale.ROOT));
            case SandboxFault.RateLimitStorm storm -> tooManyRequests(storm.retryAfter());
            case SandboxFault.HtmlBadGateway html -> new Reply(502, Reply.HTML, BAD_GATEWAY_HTML, Map.of());
            default -> throw new IllegalArgumentException("not a gateway fault: " + fault);
        };
    }

    private byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        random.nextBytes(bytes);
        return bytes;
    }

    private static String reasonPhrase(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 402 -> "Payment Required";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 500 -> "Internal Server Error";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            case 504 -> "Gateway Timeout";
            default -> "Error " + status;
        };
    }

    private static boolean isV2Path(String path) {
        return path.equals("/v2") || path.startsWith("/v2/");
    }

    // ------------------------------------------------------------------ request handling

    private synchronized MockResponse handle(RecordedRequest recorded) {
        HttpUrl url = recorded.getUrl();
        String body = recorded.getBody() == null ? "" : recorded.getBody().utf8();
        Exchange exchange = new Exchange(clock.instant(), recorded.getMethod(), url, recorded.getHeaders(), body,
                SandboxEndpoint.route(url.encodedPath()));
        FaultsForRequest applied = takeFaults();
        Protocol protocol = isV2Path(exchange.path()) ? v2 : v1;
        Outcome outcome;
        try {
            outcome = protocol.handle(exchange, applied.gateway());
        } catch (RuntimeException bug) {
            // A sandbox bug must fail the test that hit it, not pass as a flaky network error.
            outcome = new Outcome(problem(exchange, 500, "sandbox bug: " + bug), null, "sandbox bug: " + bug);
        }
        Reply reply = outcome.reply();
        if (applied.spoiler() instanceof SandboxFault.GarbageBody) {
            reply = new Reply(200, Reply.JSON, GARBAGE_BODY, Map.of());
        }

        SandboxRequest entry = new SandboxRequest(exchange.time(), exchange.method(), exchange.path(),
                url.encodedQuery(), exchange.headers(), body, outcome.json(), exchange.endpoint(), reply.status(),
                outcome.violation(), applied.shown());
        requestCount++;
        if (reply.status() == 429) {
            rateLimitedCount++;
        }
        if (recordRequests) {
            log.add(entry);
        }
        if (entry.isViolation()) {
            violations.add(entry);
        }

        MockResponse.Builder response = new MockResponse.Builder()
                .code(reply.status())
                // Every answer of the real API carries the CAD's clock, as HTTP servers do.
                .setHeader("Date", HTTP_DATE.format(exchange.time()))
                .setHeader("Content-Type", reply.contentType())
                .body(reply.body());
        reply.headers().forEach(response::setHeader);
        if (!applied.delay().isZero()) {
            response.headersDelay(applied.delay().toMillis(), TimeUnit.MILLISECONDS);
        }
        if (applied.spoiler() instanceof SandboxFault.ResetMidResponse) {
            response.onResponseBody(new SocketEffect.CloseSocket());
        }
        return response.build();
    }

    /** Routes MockWebServer's requests into the sandbox. One per server instance (a restart makes a new one). */
    private final class SandboxDispatcher extends Dispatcher {
        private final MockWebServer owner;

        SandboxDispatcher(MockWebServer owner) {
            this.owner = owner;
        }

        @Override
        public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
            FakeHub liveHub = hub;
            if (request.getUrl().encodedPath().equals("/apiWsHub")) {
                // the hub is not part of the REST API the sandbox checks; without one it is simply not there
                owner.takeRequest(0, TimeUnit.NANOSECONDS);
                return liveHub != null ? liveHub.upgrade() : new MockResponse.Builder().code(404).body("no hub").build();
            }
            MockResponse response = handle(request);
            // MockWebServer also queues every request for takeRequest(); the sandbox keeps its own log,
            // so drop that copy to keep memory flat in long benchmarks.
            owner.takeRequest(0, TimeUnit.NANOSECONDS);
            return response;
        }
    }

    /**
     * MockWebServer flushes the headers and the body separately; with Nagle's algorithm on, the body
     * then waits for the client's delayed ACK (about 40 ms on Linux) and every request looks slow.
     */
    private static final class NoDelayServerSocketFactory extends ServerSocketFactory {
        @Override
        public ServerSocket createServerSocket() throws IOException {
            return new ServerSocket() {
                @Override
                public Socket accept() throws IOException {
                    Socket socket = super.accept();
                    socket.setTcpNoDelay(true);
                    return socket;
                }
            };
        }

        @Override
        public ServerSocket createServerSocket(int port) {
            throw new UnsupportedOperationException("MockWebServer binds the unbound socket itself");
        }

        @Override
        public ServerSocket createServerSocket(int port, int backlog) {
            throw new UnsupportedOperationException("MockWebServer binds the unbound socket itself");
        }

        @Override
        public ServerSocket createServerSocket(int port, int backlog, InetAddress address) {
            throw new UnsupportedOperationException("MockWebServer binds the unbound socket itself");
        }
    }

    // ------------------------------------------------------------------ standalone

    /**
     * Runs the sandbox until the JVM is stopped. Options: {@code --port N} (default 8089),
     * {@code --key K}, {@code --community C}, {@code --servers 1,2}, {@code --no-limits}.
     */
    public static void main(String[] args) throws InterruptedException {
        int listenPort = 8089;
        SonoranSandbox sandbox = new SonoranSandbox();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--port" -> listenPort = Integer.parseInt(args[++i]);
                case "--key" -> sandbox.setApiKey(args[++i]);
                case "--community" -> sandbox.setCommunityId(args[++i]);
                case "--servers" -> sandbox.setServerIds(Arrays.stream(args[++i].split(",")).mapToInt(Integer::parseInt).toArray());
                case "--no-limits" -> sandbox.setRateLimitsEnabled(false);
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + "; use --port N --key K --community C --servers 1,2 --no-limits");
            }
        }
        sandbox.setRecordRequests(false);
        sandbox.start(listenPort);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            sandbox.close();
            stopped.countDown();
        }, "sonoran-sandbox-shutdown"));
        System.out.println("Sonoran sandbox listening on " + sandbox.baseUrl() + " (servers "
                + new TreeSet<>(sandbox.serverIds()) + ", community " + sandbox.communityId() + ")");
        stopped.await();
    }
}
