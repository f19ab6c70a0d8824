package dev.cadbridge.core;

import dev.cadbridge.outbound.CadDispatcher;
import dev.cadbridge.outbound.DispatcherStatus;
import dev.cadbridge.outbound.PendingOperation;
import dev.cadbridge.sonoran.CadOperation;
import dev.cadbridge.sonoran.CadResult;
import dev.cadbridge.sonoran.FailureKind;
import dev.cadbridge.sonoran.OperationType;
import dev.cadbridge.sonoran.Route;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

/**
 * The dispatcher the server's code sees in network mode. Every operation but the version check goes
 * to the network queue for the server that sends for all, so each route's per-key limit holds for
 * the network: those the outbox keeps (kick, attach, detach, close, new dispatch) as stored rows that
 * outlive this server; the others (panic, unit status, 911 and 311, notes, 911 removals, the
 * heartbeat, live-map positions, and the request-response routes: link requests, the active units
 * and calls) as rows that live only while this server runs. Their futures complete when the outcome
 * comes back through the database. The version check tests this server's own configuration and is
 * sent by its own dispatcher. While the database does not answer (or network mode is not on yet)
 * this server sends everything itself, as without network mode: operations still go out, paced by
 * this server alone. {@link #submit} never blocks.
 */
public final class NetworkDispatcher implements CadDispatcher {
    /**
     * How long past an operation's deadline its outcome is awaited: the sender answers within its
     * deadline (sent, or expired) unless it died after sending and before writing the outcome.
     */
    static final Duration OUTCOME_GRACE = Duration.ofSeconds(30);
    /**
     * The same for a request-response route: someone waits on it, and the sender answers it, or
     * fails it, within its deadline, so only a sender that died leaves it unanswered.
     */
    static final Duration ANSWER_GRACE = Duration.ofSeconds(5);

    private record Awaited(CompletableFuture<CadResult> future, Instant giveUpAt, Route route) {}

    private final CadDispatcher local;
    private final Predicate<PendingOperation> askNetwork;
    private final Map<OperationType, Duration> deadlines;
    private final Clock clock;
    /** Whether operations go through the network now: network mode is on and the database answers. */
    private final BooleanSupplier viaNetwork;
    private final Map<UUID, Awaited> awaited = new ConcurrentHashMap<>();
    private volatile boolean closed;

    NetworkDispatcher(CadDispatcher local, Predicate<PendingOperation> askNetwork, Map<OperationType, Duration> deadlines,
                      Clock clock, BooleanSupplier viaNetwork) {
        this.local = local;
        this.askNetwork = askNetwork;
        this.deadlines = deadlines;
        this.clock = clock;
        this.viaNetwork = viaNetwork;
    }

    /** This server's own dispatcher: what it sends itself, and, while it is the sender, nothing else. */
    CadDispatcher local() {
        return local;
    }

    @Override
    public CompletableFuture<CadResult> submit(CadOperation operation) {
        Objects.requireNonNull(operation, "operation");
        if (closed || !sentByNetwork(operation.type()) || !viaNetwork.getAsBoolean()) {
            return local.submit(operation);
        }
        Instant now = clock.instant();
        PendingOperation pending = new PendingOperation(newId(), operation, now, now.plus(deadlines.get(operation.type())));
        CompletableFuture<CadResult> future = new CompletableFuture<>();
        Route route = operation.type().route();
        awaited.put(pending.id(), new Awaited(future, pending.deadline().plus(route.answersAtOnce() ? ANSWER_GRACE : OUTCOME_GRACE), route));
        if (!askNetwork.test(pending)) {
            // Not stored (the backlog of writes is full while the database is down): sent from here, from memory.
            awaited.remove(pending.id());
            return local.submit(operation);
        }
        return future;
    }

    static boolean sentByNetwork(OperationType type) {
        return type.route().kind() != Route.Kind.PROBE;
    }

    /** Operations an earlier run of this server left in the outbox are sent by this server, as before. */
    @Override
    public CompletableFuture<CadResult> resubmit(PendingOperation operation) {
        return local.resubmit(operation);
    }

    @Override
    public DispatcherStatus status() {
        return local.status();
    }

    /**
     * Stops this server's own dispatcher. Stored operations still waiting for the network's outcome
     * stay in the network queue: the sender delivers them. The others die with this run (the sender
     * drops them once this run's lock is free) unless already taken. Their futures end here.
     */
    @Override
    public List<PendingOperation> close(Duration timeout) {
        closed = true;
        CadResult saved = new CadResult.Failed(FailureKind.SHUT_DOWN,
                "CadBridge stopped before the network's sender answered; the operation is stored and still sent", null);
        CadResult dropped = new CadResult.Failed(FailureKind.SHUT_DOWN,
                "CadBridge stopped before the network's sender answered; it is sent only if the sender had taken it already", null);
        awaited.values().forEach(waiting -> waiting.future().complete(waiting.route().stored() ? saved : dropped));
        awaited.clear();
        return local.close(timeout);
    }

    /** Operations asked of the network whose outcome has not arrived. */
    Set<UUID> awaitedIds() {
        return awaited.keySet();
    }

    boolean awaitsAny() {
        return !awaited.isEmpty();
    }

    /** The outcome of an operation this server asked for has arrived. Any thread. */
    void complete(UUID id, CadResult result) {
        Awaited waiting = awaited.remove(id);
        if (waiting != null) {
            waiting.future().complete(result);
        }
    }

    /** Ends the wait of operations whose outcome is long overdue; returns their ids. */
    List<UUID> giveUpOverdue(Instant now) {
        List<Map.Entry<UUID, Awaited>> overdue = awaited.entrySet().stream()
                .filter(entry -> now.isAfter(entry.getValue().giveUpAt()))
                .toList();
        for (Map.Entry<UUID, Awaited> entry : overdue) {
            complete(entry.getKey(), entry.getValue().route().answersAtOnce()
                    ? new CadResult.Failed(FailureKind.UNREACHABLE, "no answer came back from the server sending for the network in time;"
                            + " try again in a moment", null)
                    : new CadResult.OutcomeUnknown("no outcome came back from the server sending for the network; it may or may not"
                            + " have reached the CAD. Check the CAD."));
        }
        return overdue.stream().map(Map.Entry::getKey).toList();
    }

    private static UUID newId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (random.nextLong() & ~0xF000L) | 0x4000L;
        long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low);
    }
}
