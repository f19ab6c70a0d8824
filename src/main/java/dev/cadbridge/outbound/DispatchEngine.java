package dev.cadbridge.outbound;

import dev.cadbridge.sonoran.ApiGeneration;
import dev.cadbridge.sonoran.CadOperation;
import dev.cadbridge.sonoran.CadResult;
import dev.cadbridge.sonoran.FailureKind;
import dev.cadbridge.sonoran.OperationLimits;
import dev.cadbridge.sonoran.OperationType;
import dev.cadbridge.sonoran.Route;
import dev.cadbridge.sonoran.UnitSetOperation;
import dev.cadbridge.sonoran.VersionCheck;
import dev.cadbridge.sonoran.WireOutcome;
import dev.cadbridge.sonoran.WireSupport;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.DoubleSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The dispatcher's decisions, without threads or I/O: what to send next, when to wake up, and what
 * an answer means for each queued operation. Every method takes the current {@link Moment} (wall
 * clock for deadlines, monotonic clock for pacing), so tests step both by hand. Not thread-safe:
 * {@link SonoranDispatcher} calls it under one lock.
 *
 * <p>{@code accepted} is called in {@link #accept}, before the operation can reach the worker, so the
 * outbox records it within moments of intake even while the worker is busy with a slow request and
 * can never see it finished before it was accepted. {@code finished} happens only on the worker side.
 */
final class DispatchEngine {
    /**
     * Transient failures in a row before the log says the CAD is unreachable. One failure is a blip
     * (a lone 5xx, a reset): logging each one, and "reachable again" after the next success, would
     * fill the log with pairs when a small share of answers fail. A real outage reaches this within
     * a few seconds of backoff.
     */
    static final int FAILURES_BEFORE_UNREACHABLE = 3;

    /**
     * The longest an endpoint is held for a Retry-After. Every deadline is at most a day, so a longer
     * hold changes nothing for queued work; the cap keeps monotonic arithmetic from overflowing.
     */
    static final Duration LONGEST_HOLD = Duration.ofDays(1);

    static final class Entry {
        final PendingOperation pending;
        final CompletableFuture<CadResult> future;

        /** Intake order; accept times can tie. */
        final long sequence;
        /** The units and calls it acts on, worked out once (every request built scans the queue), on the worker. */
        private List<String> targets;
        /** Set when a merged request was refused for an unknown target: find out which one alone. */
        boolean sendAlone;

        Entry(PendingOperation pending, CompletableFuture<CadResult> future, long sequence) {
            this.pending = pending;
            this.future = future;
            this.sequence = sequence;
        }

        List<String> targets() {
            if (targets == null) {
                targets = pending.operation().targets();
            }
            return targets;
        }

        OperationType type() {
            return pending.operation().type();
        }
    }

    /**
     * One request's worth of work. {@code wireOperations} are what goes on the wire (duplicates
     * collapsed, attaches and detaches merged); {@code members.get(i)} are the queued operations
     * that share the outcome of {@code wireOperations.get(i)}.
     */
    record Batch(OperationType type, List<CadOperation> wireOperations, List<List<Entry>> members) {
        List<UUID> ids() {
            List<UUID> ids = new ArrayList<>();
            members.forEach(group -> group.forEach(entry -> ids.add(entry.pending.id())));
            return ids;
        }

        int operationCount() {
            return members.stream().mapToInt(List::size).sum();
        }
    }

    private final DispatcherSettings settings;
    private final OutboxListener listener;
    private final Logger log;
    private final DoubleSupplier jitter;

    private final List<Entry> arrivals = new ArrayList<>();
    private final Map<OperationType, ArrayDeque<Entry>> queues = new EnumMap<>(OperationType.class);
    private final Map<OperationType, String> disabled = new EnumMap<>(OperationType.class);
    private Map<OperationType, TokenBucket> buckets;
    private ApiGeneration generation;
    private Batch inFlight;
    private boolean intakeClosed;

    private String circuitReason;
    /** A version check queued after an unattributed 404, to learn whether the address is wrong; one at a time. */
    private boolean addressCheckQueued;
    private int transientFailuresInARow;
    private boolean backingOff;
    private long backoffUntil;
    private boolean unreachable;

    private Instant lastSuccess;
    private DispatcherStatus.LastFailure lastFailure;
    private long requests;
    private long batches;
    private long rateLimitedCount;
    private long delivered;
    private long failed;
    private long expired;

    DispatchEngine(ApiGeneration generation, DispatcherSettings settings, OutboxListener listener, Logger log,
                   DoubleSupplier jitter, Moment now) {
        this.settings = settings;
        this.listener = listener;
        this.log = log;
        this.jitter = jitter;
        for (OperationType type : OperationType.values()) {
            queues.put(type, new ArrayDeque<>());
        }
        this.generation = generation;
        this.buckets = buckets(generation, now.nanos());
    }

    /** v2 limits each route separately; v1 publishes no numbers, so one bucket paces every operation. */
    private Map<OperationType, TokenBucket> buckets(ApiGeneration generation, long now) {
        Map<OperationType, TokenBucket> result = new EnumMap<>(OperationType.class);
        TokenBucket shared = new TokenBucket(settings.v1RateLimit(), now);
        for (OperationType type : OperationType.values()) {
            result.put(type, generation == ApiGeneration.V1 ? shared : new TokenBucket(settings.rateLimitFor(generation, type), now));
        }
        return result;
    }


    // ----- intake (any thread, under the dispatcher's lock) -----

    /**
     * Queues the operation, or completes its future at once when it cannot be queued (intake closed,
     * type disabled by the plan, queue full); only queued operations are announced to the listener.
     */
    void accept(PendingOperation pending, CompletableFuture<CadResult> future, boolean announce) {
        OperationType type = pending.operation().type();
        if (intakeClosed) {
            reject(type, future, new CadResult.Failed(FailureKind.SHUT_DOWN,
                    "CadBridge is shutting down; this " + describe(type) + " was not queued", null));
        } else if (generation == ApiGeneration.V1 && !type.route().onV1()) {
            reject(type, future, new CadResult.Failed(FailureKind.NOT_CONFIGURED, "the v1 API has no " + describe(type)
                    + "; set the API version to v2 in config.yml", null));
        } else if (disabled.containsKey(type)) {
            reject(type, future, new CadResult.Failed(FailureKind.PLAN, disabled.get(type), null));
        } else if (pendingCount() >= settings.queueCapacity()) {
            reject(type, future, new CadResult.Failed(FailureKind.QUEUE_FULL, "the CAD queue is full ("
                    + settings.queueCapacity() + " operations waiting); this " + describe(type)
                    + " was not queued. See /cad status for why the CAD is not keeping up.", null));
        } else {
            if (announce && type.route().stored()) {
                notifyListener(() -> listener.accepted(pending));
            }
            arrivals.add(new Entry(pending, future, nextSequence++));
        }
    }

    private void reject(OperationType type, CompletableFuture<CadResult> future, CadResult result) {
        if (!type.route().answersAtOnce()) {
            failed++;
        }
        future.complete(result);
    }

    private long nextSequence;

    private int pendingCount() {
        int count = arrivals.size() + (inFlight == null ? 0 : inFlight.operationCount());
        for (ArrayDeque<Entry> queue : queues.values()) {
            count += queue.size();
        }
        return count;
    }

    // ----- worker side -----

    /** The next request to send, or null when nothing may be sent now (see {@link #nextWakeup}). */
    Batch nextBatch(Moment now) {
        admitArrivals();
        expire(now.wall());
        failUnanswerable(now);
        if (inFlight != null) {
            return null;
        }
        OperationType chosen = nextAnswer(now);
        if (chosen == null && (circuitReason != null || backingOff(now))) {
            return null;
        }
        long oldest = Long.MAX_VALUE;
        Map<String, Long> oldestByTarget = chosen == null ? oldestByTarget() : Map.of();
        for (OperationType type : chosen == null ? OperationType.values() : new OperationType[0]) {
            Entry head = queues.get(type).peekFirst();
            if (head != null && !type.route().answersAtOnce() && head.sequence < oldest && !waitsForOlder(head, oldestByTarget)
                    && !now.isBefore(buckets.get(type).nextTokenAt(now.nanos()))) {
                chosen = type;
                oldest = head.sequence;
            }
        }
        if (chosen == null) {
            return null;
        }
        buckets.get(chosen).tryTake(now.nanos());
        inFlight = build(chosen);
        if (!chosen.route().answersAtOnce()) {
            requests++;
            if (inFlight.operationCount() > 1) {
                batches++;
            }
        }
        return inFlight;
    }

    /** A request someone waits on goes before queued work, oldest first, as soon as its route has a token. */
    private OperationType nextAnswer(Moment now) {
        OperationType chosen = null;
        long oldest = Long.MAX_VALUE;
        for (OperationType type : OperationType.values()) {
            Entry head = queues.get(type).peekFirst();
            if (head != null && type.route().answersAtOnce() && head.sequence < oldest
                    && !now.isBefore(buckets.get(type).nextTokenAt(now.nanos()))) {
                chosen = type;
                oldest = head.sequence;
            }
        }
        return chosen;
    }

    /**
     * The "fail after N s" rule of request-response routes: someone is waiting, so say now what
     * will not work, rather than leave them waiting: sending is paused, or the route's token comes
     * after the deadline (a long Retry-After).
     */
    private void failUnanswerable(Moment now) {
        for (OperationType type : OperationType.values()) {
            if (!type.route().answersAtOnce()) {
                continue;
            }
            ArrayDeque<Entry> queue = queues.get(type);
            for (Iterator<Entry> it = queue.iterator(); it.hasNext(); ) {
                Entry entry = it.next();
                Duration untilToken = now.until(buckets.get(type).nextTokenAt(now.nanos()));
                if (circuitReason != null && type.route().kind() == Route.Kind.REQUEST_RESPONSE) {
                    it.remove();
                    finish(entry, new CadResult.Failed(FailureKind.CREDENTIALS, "sending is paused: " + circuitReason, null));
                } else if (untilToken.compareTo(Duration.between(now.wall(), entry.pending.deadline())) > 0) {
                    it.remove();
                    finish(entry, new CadResult.Failed(FailureKind.RATE_LIMITED, "the CAD asked CadBridge to slow down; try again in "
                            + Math.max(1, untilToken.toSeconds()) + " s", null));
                }
            }
        }
    }

    /**
     * How long the worker may wait before it must look again (a deadline, a token, the end of a
     * backoff), or null for "until woken".
     */
    Duration nextWakeup(Moment now) {
        if (!arrivals.isEmpty()) {
            return Duration.ZERO;
        }
        Duration wake = null;
        Map<String, Long> oldestByTarget = oldestByTarget();
        for (ArrayDeque<Entry> queue : queues.values()) {
            for (Entry entry : queue) {
                Duration untilDeadline = Duration.between(now.wall(), entry.pending.deadline());
                wake = shorter(wake, untilDeadline.isNegative() ? Duration.ZERO : untilDeadline);
            }
            // A head that waits for an older operation goes after it; that one's own head sets the wake-up.
            if (!queue.isEmpty() && inFlight == null && queue.peekFirst().type().route().answersAtOnce()) {
                wake = shorter(wake, now.until(buckets.get(queue.peekFirst().type()).nextTokenAt(now.nanos())));
            } else if (!queue.isEmpty() && inFlight == null && circuitReason == null && !waitsForOlder(queue.peekFirst(), oldestByTarget)) {
                Duration untilToken = now.until(buckets.get(queue.peekFirst().type()).nextTokenAt(now.nanos()));
                Duration untilBackoffEnds = backingOff ? now.until(backoffUntil) : Duration.ZERO;
                wake = shorter(wake, untilToken.compareTo(untilBackoffEnds) > 0 ? untilToken : untilBackoffEnds);
            }
        }
        return wake;
    }

    static Duration shorter(Duration a, Duration b) {
        return a == null || (b != null && b.compareTo(a) < 0) ? b : a;
    }

    private boolean backingOff(Moment now) {
        return backingOff && now.isBefore(backoffUntil);
    }

    /**
     * The oldest queued sequence number for each unit and call, so that no operation is sent while
     * an older one on the same unit or call waits in another queue (for its endpoint's token, or
     * behind a 429): a detach sent before the attach it followed would leave the unit attached.
     * Empty when at most one queue holds work, since each queue keeps its own order.
     */
    private Map<String, Long> oldestByTarget() {
        int busyQueues = 0;
        for (ArrayDeque<Entry> queue : queues.values()) {
            busyQueues += queue.isEmpty() ? 0 : 1;
        }
        if (busyQueues < 2) {
            return Map.of();
        }
        Map<String, Long> oldest = new HashMap<>();
        for (ArrayDeque<Entry> queue : queues.values()) {
            for (Entry entry : queue) {
                for (String target : entry.targets()) {
                    oldest.merge(target, entry.sequence, Math::min);
                }
            }
        }
        return oldest;
    }

    private static boolean waitsForOlder(Entry head, Map<String, Long> oldestByTarget) {
        if (oldestByTarget.isEmpty()) {
            return false;
        }
        for (String target : head.targets()) {
            if (oldestByTarget.getOrDefault(target, Long.MAX_VALUE) < head.sequence) {
                return true;
            }
        }
        return false;
    }

    private void admitArrivals() {
        for (Entry entry : arrivals) {
            queues.get(entry.type()).addLast(entry);
        }
        arrivals.clear();
    }

    private void expire(Instant now) {
        for (ArrayDeque<Entry> queue : queues.values()) {
            for (Iterator<Entry> it = queue.iterator(); it.hasNext(); ) {
                Entry entry = it.next();
                if (!entry.pending.deadline().isAfter(now)) {
                    it.remove();
                    String why = circuitReason != null ? " (sending is paused: " + circuitReason + ")"
                            : lastFailure != null ? " (last CAD problem: " + lastFailure.message() + ")" : "";
                    finish(entry, new CadResult.Expired("this " + describe(entry.type())
                            + " was not sent before its deadline " + entry.pending.deadline() + why));
                }
            }
        }
    }

    private Batch build(OperationType type) {
        ArrayDeque<Entry> queue = queues.get(type);
        return switch (type.route().merge()) {
            case NONE -> {
                Entry entry = queue.pollFirst();
                yield new Batch(type, List.of(entry.pending.operation()), List.of(List.of(entry)));
            }
            case DISTINCT_TARGETS -> distinctTargets(type, queue, new Ordering(type), false);
            case LATEST_PER_TARGET -> distinctTargets(type, queue, new Ordering(type), true);
            case UNION_OF_UNITS -> mergedUnits(type, queue, new Ordering(type));
        };
    }

    /**
     * Keeps a merge from overtaking: an operation may only join the request if no operation on the
     * same unit or call, accepted before it, is waiting in another queue. Otherwise a player who was
     * attached and then kicked could end up attached. Once one is held back, later ones in the same
     * queue touching the same targets are held back too, so each queue keeps its own order.
     */
    private final class Ordering {
        private final Map<String, Long> oldestElsewhere = new HashMap<>();
        private final Set<String> heldBack = new HashSet<>();
        private final Entry head;

        Ordering(OperationType merging) {
            this.head = queues.get(merging).peekFirst();
            queues.forEach((type, queue) -> {
                if (type != merging) {
                    for (Entry entry : queue) {
                        for (String target : entry.targets()) {
                            oldestElsewhere.merge(target, entry.sequence, Math::min);
                        }
                    }
                }
            });
        }

        /**
         * The head always goes: it is the oldest of its queue, and {@link #nextBatch} chose it only
         * because nothing older on its targets waits elsewhere.
         */
        boolean mayJoin(Entry entry, boolean isHead) {
            if (!isHead && (entry.sendAlone || head.sendAlone)) {
                return false;
            }
            if (isHead || (heldBack.isEmpty() && oldestElsewhere.isEmpty())) {
                return true;
            }
            for (String target : entry.targets()) {
                if (heldBack.contains(target) || oldestElsewhere.getOrDefault(target, Long.MAX_VALUE) < entry.sequence) {
                    heldBack.addAll(entry.targets());
                    return false;
                }
            }
            return true;
        }

        /** An entry that stays queued for another reason (another call): later ones may not overtake it either. */
        void holdBack(Entry entry) {
            heldBack.addAll(entry.targets());
        }
    }

    /**
     * One entry per target (kicks by unit, closes by call); a repeated target rides along with the
     * first one, or, when {@code latestWins}, the latest one is what is sent for all of them.
     */
    private Batch distinctTargets(OperationType type, ArrayDeque<Entry> queue, Ordering ordering, boolean latestWins) {
        Map<Object, List<Entry>> groups = new LinkedHashMap<>();
        Map<Object, CadOperation> operations = new LinkedHashMap<>();
        for (Iterator<Entry> it = queue.iterator(); it.hasNext(); ) {
            Entry entry = it.next();
            if (!ordering.mayJoin(entry, groups.isEmpty())) {
                continue;
            }
            Object target = entry.targets();
            if (groups.containsKey(target) || groups.size() < settings.maxBatchSize()) {
                groups.computeIfAbsent(target, t -> new ArrayList<>()).add(entry);
                if (latestWins) {
                    operations.put(target, entry.pending.operation());
                } else {
                    operations.putIfAbsent(target, entry.pending.operation());
                }
                it.remove();
            }
        }
        return new Batch(type, List.copyOf(operations.values()), List.copyOf(groups.values()));
    }

    /**
     * Operations with the head's merge key (attaches to its call, all detaches) become one operation
     * with the union of their units, as long as the union fits the batch size and the per-operation
     * unit limit.
     */
    private Batch mergedUnits(OperationType type, ArrayDeque<Entry> queue, Ordering ordering) {
        int limit = Math.min(settings.maxBatchSize(), OperationLimits.MAX_UNITS_PER_OPERATION);
        UnitSetOperation head = (UnitSetOperation) queue.peekFirst().pending.operation();
        Set<String> units = new LinkedHashSet<>();
        List<Entry> members = new ArrayList<>();
        for (Iterator<Entry> it = queue.iterator(); it.hasNext(); ) {
            Entry entry = it.next();
            UnitSetOperation operation = (UnitSetOperation) entry.pending.operation();
            List<String> entryUnits = operation.mergeKey().equals(head.mergeKey()) ? operation.unitIds() : null;
            if (entryUnits == null) {
                ordering.holdBack(entry);
                continue;
            }
            if (!ordering.mayJoin(entry, members.isEmpty())) {
                continue;
            }
            Set<String> union = new LinkedHashSet<>(units);
            union.addAll(entryUnits);
            if (members.isEmpty() || union.size() <= limit) {
                units = union;
                members.add(entry);
                it.remove();
            }
        }
        CadOperation merged = head.withUnits(List.copyOf(units));
        return new Batch(type, List.of(merged), List.of(List.copyOf(members)));
    }

    /** Applies the answer to the request {@link #nextBatch} handed out. */
    void onOutcome(Batch batch, WireOutcome outcome, Moment now) {
        if (batch != inFlight) {
            return; // handed back by shutdown while it was on the wire
        }
        inFlight = null;
        TokenBucket bucket = buckets.get(batch.type());
        if (batch.type().route().answersAtOnce()) {
            answer(batch, outcome, bucket, now);
            return;
        }
        switch (outcome) {
            case WireOutcome.Answered answered -> {
                reachable();
                bucket.answered();
                lastSuccess = now.wall();
                for (int i = 0; i < batch.members().size(); i++) {
                    CadResult result = answered.results().get(i);
                    List<Entry> group = batch.members().get(i);
                    if (result instanceof CadResult.LeftOut left && group.size() > 1 && mergesUnits(batch.type())) {
                        leftOutOfMerge(batch.type(), group, left);
                    } else {
                        group.forEach(entry -> finish(entry, result));
                    }
                }
            }
            case WireOutcome.Rejected rejected -> {
                reachable();
                bucket.answered();
                lastFailure = new DispatcherStatus.LastFailure(now.wall(), rejected.kind().name(), rejected.message(), rejected.traceId());
                switch (rejected.kind()) {
                    case CREDENTIALS -> {
                        requeueFirst(batch);
                        openCircuit(rejected.message());
                    }
                    case PLAN -> disable(batch.type(), rejected.message(), rejected.traceId(), batch);
                    case TARGET_NOT_FOUND -> notFound(batch, rejected.message(), rejected.traceId());
                    default -> finishAll(batch, new CadResult.Failed(rejected.kind(), rejected.message(), rejected.traceId()));
                }
            }
            case WireOutcome.NotFound notFound -> {
                reachable();
                bucket.answered();
                lastFailure = new DispatcherStatus.LastFailure(now.wall(), FailureKind.TARGET_NOT_FOUND.name(),
                        notFound.message(), notFound.traceId());
                notFound(batch, notFound.message(), notFound.traceId());
                queueAddressCheck(now);
            }
            case WireOutcome.RateLimited limited -> {
                rateLimitedCount++;
                Duration hold = hold(bucket, limited.retryAfter());
                bucket.rateLimited(now.nanos() + hold.toNanos());
                lastFailure = new DispatcherStatus.LastFailure(now.wall(), "RATE_LIMITED", "the CAD asked to slow down on "
                        + describe(batch.type()) + "; waiting " + readable(hold), limited.traceId());
                requeueFirst(batch);
            }
            case WireOutcome.Transient problem -> {
                lastFailure = new DispatcherStatus.LastFailure(now.wall(), problem.kind(), problem.message(), problem.traceId());
                if (!batch.type().route().repeatable() && problem.mayHaveReachedServer()) {
                    // No idempotency key: sending again could create the call twice.
                    finishAll(batch, new CadResult.OutcomeUnknown(problem.message()
                            + "; the " + describe(batch.type()) + " may have been created, so it is not sent again. Check the CAD."));
                } else {
                    requeueFirst(batch);
                }
                transientFailuresInARow++;
                backingOff = true;
                backoffUntil = now.nanos() + backoff(transientFailuresInARow).toNanos();
                if (!unreachable && transientFailuresInARow >= FAILURES_BEFORE_UNREACHABLE) {
                    unreachable = true;
                    log.warning("CAD unreachable: " + problem.message() + " (will keep retrying)");
                }
            }
        }
    }

    private static boolean mergesUnits(OperationType type) {
        return type.route().merge() == Route.Merge.UNION_OF_UNITS;
    }

    /**
     * The CAD acted on fewer units than a merged attach or detach carried. Its answer lists CAD
     * identifier ids, which cannot be matched to the units sent: if it acted on none, each operation
     * learns that none of its units was logged in; otherwise each is sent again alone to find out
     * (attaching or detaching a unit again changes nothing at the CAD).
     */
    private void leftOutOfMerge(OperationType type, List<Entry> group, CadResult.LeftOut left) {
        if (left.done() == 0) {
            group.forEach(entry -> finish(entry, WireSupport.leftOut(entry.pending.operation(), 0)));
            return;
        }
        group.forEach(entry -> entry.sendAlone = true);
        ArrayDeque<Entry> queue = queues.get(type);
        for (int i = group.size() - 1; i >= 0; i--) {
            queue.addFirst(group.get(i));
        }
    }

    /** The request named something the CAD does not know: find out which operation alone, or fail the one sent. */
    private void notFound(Batch batch, String message, String traceId) {
        if (batch.operationCount() > 1) {
            // One unknown unit must not sink the others that rode along with it.
            batch.members().forEach(group -> group.forEach(entry -> entry.sendAlone = true));
            requeueFirst(batch);
        } else {
            finishAll(batch, new CadResult.Failed(FailureKind.TARGET_NOT_FOUND, message, traceId));
        }
    }

    /**
     * After a 404 that named nothing, asks the harmless version route: if it answers 404 too, the
     * address is wrong for every request and {@link #answer} pauses sending; otherwise that 404 was
     * the one operation's problem and sending goes on. v1 has no harmless request.
     */
    private void queueAddressCheck(Moment now) {
        if (addressCheckQueued || generation != ApiGeneration.V2) {
            return;
        }
        addressCheckQueued = true;
        CompletableFuture<CadResult> checked = new CompletableFuture<>();
        checked.whenComplete((result, error) -> addressCheckQueued = false);
        Duration deadline = settings.deadlines().get(OperationType.VERSION);
        queues.get(OperationType.VERSION).addLast(new Entry(new PendingOperation(SonoranDispatcher.newOperationId(),
                new VersionCheck(), now.wall(), now.wall().plus(deadline)), checked, nextSequence++));
    }

    /**
     * The answer to a request someone waits on goes straight back to them: nothing is retried. Only
     * the side effects stay: a rejected key pauses sending, a 429 holds the route.
     */
    private void answer(Batch batch, WireOutcome outcome, TokenBucket bucket, Moment now) {
        boolean probe = batch.type().route().kind() == Route.Kind.PROBE;
        CadResult result = switch (outcome) {
            case WireOutcome.Answered answered -> {
                bucket.answered();
                yield answered.results().get(0);
            }
            case WireOutcome.Rejected rejected -> {
                bucket.answered();
                if (rejected.kind() == FailureKind.CREDENTIALS) {
                    openCircuit(rejected.message());
                }
                yield new CadResult.Failed(rejected.kind(), rejected.message(), rejected.traceId());
            }
            case WireOutcome.NotFound notFound -> {
                bucket.answered();
                if (!probe) {
                    yield new CadResult.Failed(FailureKind.TARGET_NOT_FOUND, notFound.message(), notFound.traceId());
                }
                // The harmless request fails the same way: nothing at this address can work.
                String reason = "the CAD address answers 404 (not found) even to the version check; check sonoran.base-url";
                openCircuit(reason);
                yield new CadResult.Failed(FailureKind.CREDENTIALS, reason, notFound.traceId());
            }
            case WireOutcome.RateLimited limited -> {
                rateLimitedCount++;
                Duration hold = hold(bucket, limited.retryAfter());
                bucket.rateLimited(now.nanos() + hold.toNanos());
                long seconds = limited.retryAfter() == null ? 60 : Math.max(1, hold.toSeconds());
                yield new CadResult.Failed(FailureKind.RATE_LIMITED, "the CAD is rate limiting this request; try again in "
                        + seconds + " s", limited.traceId());
            }
            case WireOutcome.Transient problem -> new CadResult.Failed(FailureKind.UNREACHABLE, problem.message(), problem.traceId());
        };
        finishAll(batch, result);
    }

    /** Exponential backoff with "equal jitter": between half and all of base * 2^(attempt-1), capped. */
    Duration backoff(int attempt) {
        double full = Math.min(settings.retryMaxDelay().toNanos(),
                settings.retryBaseDelay().toNanos() * Math.pow(2, Math.max(0, attempt - 1)));
        return Duration.ofNanos((long) (full / 2 + jitter.getAsDouble() * full / 2));
    }

    /** How long a 429 holds the endpoint: the CAD's Retry-After, else exponential backoff; at most {@link #LONGEST_HOLD}. */
    private Duration hold(TokenBucket bucket, Duration retryAfter) {
        Duration hold = retryAfter != null ? retryAfter : backoff(bucket.rateLimitedInARow() + 1);
        return hold.compareTo(LONGEST_HOLD) > 0 ? LONGEST_HOLD : hold;
    }

    private static String readable(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
    }

    private void reachable() {
        transientFailuresInARow = 0;
        backingOff = false;
        if (unreachable) {
            unreachable = false;
            log.info("CAD reachable again");
        }
    }

    void openCircuit(String reason) {
        if (circuitReason == null) {
            log.severe("CAD rejected the configuration: " + reason
                    + ". Sending is paused until /cad reload; queued operations are kept until they expire.");
        }
        circuitReason = reason;
    }

    boolean circuitOpen() {
        return circuitReason != null;
    }

    String circuitReason() {
        return circuitReason;
    }

    private void disable(OperationType type, String reason, String traceId, Batch batch) {
        if (!disabled.containsKey(type)) {
            log.warning(describe(type) + " is disabled: " + reason);
        }
        disabled.put(type, reason);
        CadResult result = new CadResult.Failed(FailureKind.PLAN, reason, traceId);
        finishAll(batch, result);
        ArrayDeque<Entry> queue = queues.get(type);
        while (!queue.isEmpty()) {
            finish(queue.pollFirst(), result);
        }
    }

    /** Clears what a reload may have fixed: the circuit, plan-disabled types, the backoff. */
    void reconfigure(ApiGeneration newGeneration, Moment now) {
        if (circuitReason != null) {
            log.info("CAD settings reloaded; sending resumes");
        }
        circuitReason = null;
        disabled.clear();
        reachable();
        if (newGeneration != generation) {
            generation = newGeneration;
            buckets = buckets(newGeneration, now.nanos());
        }
    }

    // ----- shutdown -----

    void closeIntake() {
        intakeClosed = true;
    }

    boolean idle() {
        return arrivals.isEmpty() && inFlight == null && queues.values().stream().allMatch(ArrayDeque::isEmpty);
    }

    /**
     * Hands back everything not finished, in the order it was accepted. Their futures complete as
     * Failed(SHUT_DOWN) without a {@code finished} callback, so the outbox keeps them for the next start.
     * A new dispatch already on the wire is not handed back ({@code inFlightSent}): it may exist.
     */
    List<PendingOperation> shutdown(boolean inFlightSent) {
        intakeClosed = true;
        List<Entry> left = new ArrayList<>(arrivals);
        arrivals.clear();
        if (inFlight != null) {
            if (!inFlight.type().route().repeatable() && inFlightSent) {
                finishAll(inFlight, new CadResult.OutcomeUnknown(
                        "CadBridge stopped while this dispatch was being sent; it may have been created. Check the CAD."));
            } else {
                inFlight.members().forEach(left::addAll);
            }
            inFlight = null;
        }
        queues.values().forEach(queue -> {
            left.addAll(queue);
            queue.clear();
        });
        // Intake order, not accept time: the wall clock may have been set back between two accepts.
        left.sort((a, b) -> Long.compare(a.sequence, b.sequence));
        CadResult saved = new CadResult.Failed(FailureKind.SHUT_DOWN,
                "CadBridge stopped before this was sent; it is saved and will be sent after the next start", null);
        CadResult dropped = new CadResult.Failed(FailureKind.SHUT_DOWN, "CadBridge stopped before this was sent", null);
        List<PendingOperation> handedBack = new ArrayList<>();
        for (Entry entry : left) {
            if (entry.type().route().stored()) {
                handedBack.add(entry.pending);
                entry.future.complete(saved);
            } else {
                entry.future.complete(dropped);
            }
        }
        return Collections.unmodifiableList(handedBack);
    }

    // ----- bookkeeping -----

    private void requeueFirst(Batch batch) {
        List<Entry> entries = new ArrayList<>();
        batch.members().forEach(entries::addAll);
        ArrayDeque<Entry> queue = queues.get(batch.type());
        for (int i = entries.size() - 1; i >= 0; i--) {
            queue.addFirst(entries.get(i));
        }
    }

    private void finishAll(Batch batch, CadResult result) {
        batch.members().forEach(group -> group.forEach(entry -> finish(entry, result)));
    }

    private void finish(Entry entry, CadResult result) {
        if (entry.type().route().answersAtOnce()) {
            entry.future.complete(result);
            return;
        }
        switch (result) {
            case CadResult.Delivered d -> delivered++;
            case CadResult.LeftOut l -> {
                if (l.done() > 0) {
                    delivered++;
                } else {
                    failed++;
                }
            }
            case CadResult.Expired e -> expired++;
            case CadResult.Failed f -> failed++;
            case CadResult.OutcomeUnknown u -> failed++;
            case CadResult.Replied r -> delivered++;
        }
        if (entry.type().route().stored()) {
            notifyListener(() -> listener.finished(entry.pending.id(), result));
        }
        entry.future.complete(result);
    }

    private void notifyListener(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            log.log(Level.WARNING, "The outbox listener failed: " + e, e);
        }
    }

    static String describe(OperationType type) {
        return type.route().description();
    }

    DispatcherStatus status(ApiGeneration shownGeneration, String baseUrl, Moment now) {
        Map<OperationType, Integer> headroom = new EnumMap<>(OperationType.class);
        buckets.forEach((type, bucket) -> headroom.put(type, bucket.available(now.nanos())));
        Map<OperationType, Integer> depth = new EnumMap<>(OperationType.class);
        queues.forEach((type, queue) -> depth.put(type, queue.size()));
        arrivals.forEach(entry -> depth.merge(entry.type(), 1, Integer::sum));
        return new DispatcherStatus(shownGeneration, baseUrl,
                circuitReason == null ? DispatcherStatus.CircuitState.CLOSED : DispatcherStatus.CircuitState.OPEN,
                circuitReason, lastSuccess, lastFailure, Map.copyOf(depth), Map.copyOf(disabled),
                new DispatcherStatus.Counters(requests, batches, rateLimitedCount, delivered, failed, expired), Map.copyOf(headroom));
    }
}
