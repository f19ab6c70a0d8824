package dev.cadbridge.storage;

import dev.cadbridge.outbound.CadDispatcher;
import dev.cadbridge.outbound.OutboxListener;
import dev.cadbridge.outbound.PendingOperation;
import dev.cadbridge.sonoran.CadOperation;
import dev.cadbridge.sonoran.CadResult;
import dev.cadbridge.sonoran.NewDispatch;
import dev.cadbridge.sonoran.OperationType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Persists every operation the dispatcher accepts until it is finished, and hands this server's
 * leftovers back to the dispatcher on the next start.
 *
 * <p>The listener methods record the change in memory and return: a storage thread writes
 * everything recorded since the last write in one transaction every flush interval (and at once
 * when a batch goes on the wire; see {@link #sending} for the one wait). While the database is
 * unreachable the changes wait in memory.
 *
 * <p>Rows carry this server's name (several servers may share the database; each replays only its
 * own rows) and the id of the run that owns them, so a replay never picks up what this run
 * accepted itself and two replays never take the same row. A replay takes another run's rows only
 * while it holds that run's {@link RunLock}, which a live run keeps for itself: so a second server
 * started by mistake with the same name never takes, and sends again, the rows of a live one.
 */
public final class SqlOutbox implements OutboxListener {
    private static final String PENDING = "pending";
    private static final String SENDING = "sending";
    /** Network mode: a row any elected sender may take; {@code owner_run} is the run that asked. */
    static final String NETWORK = "network";
    /** Network mode: a row a sender took ({@code owner_run} is the sender's run), not on the wire / maybe on the wire. */
    static final String NET_PENDING = "net-pending";
    static final String NET_SENDING = "net-sending";
    /** Longest a batch with a new dispatch waits for its in-flight mark to be committed. */
    static final Duration MAX_WAIT_FOR_IN_FLIGHT_MARK = Duration.ofSeconds(2);

    private final SqlDatabase database;
    private final OutboxBacklog backlog;
    private final OperationCodec codec = new OperationCodec();
    private final String serverName;
    private final String runId;
    private final RunLock runLock;
    private final Logger logger;
    private final AtomicBoolean backlogFullReported = new AtomicBoolean();
    /** Operations whose refusal by the database was logged; each is logged once. */
    private final Set<UUID> refusalReported = ConcurrentHashMap.newKeySet();
    /** Type of every operation this run knows is unfinished, to tell which batches hold a new dispatch. */
    private final Map<UUID, OperationType> unfinishedTypes = new ConcurrentHashMap<>();
    /** Network mode: operations this run asked the network's sender to send (inserted as {@link #NETWORK}). */
    private final Set<UUID> askedOfNetwork = ConcurrentHashMap.newKeySet();
    /** Network mode: rows this run took as the sender; their marks are written only while this run still owns them. */
    private final Set<UUID> takenForNetwork = ConcurrentHashMap.newKeySet();

    SqlOutbox(SqlDatabase database, OutboxBacklog backlog, String serverName, String runId, RunLock runLock, Logger logger) {
        this.database = database;
        this.backlog = backlog;
        this.serverName = serverName;
        this.runId = runId;
        this.runLock = runLock;
        this.logger = logger;
    }

    @Override
    public void accepted(PendingOperation operation) {
        unfinishedTypes.put(operation.id(), operation.operation().type());
        if (!backlog.accepted(operation)) {
            reportBacklogFullOnce();
        }
    }

    /**
     * Marks the batch in flight. For a batch holding an operation that must not be sent twice (a new
     * dispatch; in network mode also a 911 call or a call note) this waits (at most
     * {@link #MAX_WAIT_FOR_IN_FLIGHT_MARK}, and not at all while the database is unavailable) until
     * the mark is committed: the mark is what stops a crash from turning into a second call, since
     * the API has no idempotency key. Other batches only start the write. This runs on the
     * dispatcher's worker, never on the server thread.
     */
    @Override
    public void sending(Collection<UUID> ids) {
        backlog.sending(ids);
        Future<?> write;
        try {
            write = database.writer.submit(this::flushQuietly);
        } catch (RejectedExecutionException stopped) {
            return; // storage is closing; its final flush writes the mark
        }
        boolean holdsOneNotToRepeat = ids.stream().map(unfinishedTypes::get)
                .anyMatch(type -> type != null && !type.route().repeatable());
        if (holdsOneNotToRepeat && database.ready.isDone() && !databaseUnavailable()) {
            try {
                write.get(MAX_WAIT_FOR_IN_FLIGHT_MARK.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException e) {
                // Send anyway: the operation must not wait on the database. Only a crash in this
                // window could repeat the dispatch (README, Storage).
            }
        }
    }

    /** Clears the in-flight mark with the next write; nothing reached the CAD. */
    @Override
    public void notSent(Collection<UUID> ids) {
        backlog.notSent(ids);
    }

    @Override
    public void finished(UUID id, CadResult result) {
        unfinishedTypes.remove(id);
        refusalReported.remove(id);
        takenForNetwork.remove(id);
        backlog.finished(id);
    }

    /**
     * Network mode: stores {@code operation} for whichever server sends for the network; this run
     * does not send it. Never blocks, like {@link #accepted}. False when the backlog is full: then
     * nothing is stored, and the caller sends the operation itself.
     */
    public boolean askNetwork(PendingOperation operation) {
        askedOfNetwork.add(operation.id());
        if (!backlog.accepted(operation)) {
            askedOfNetwork.remove(operation.id());
            reportBacklogFullOnce();
            return false;
        }
        return true;
    }

    /**
     * Network mode: the database is known not to answer, so the network cannot coordinate; what this
     * server would ask of it is better sent by itself, as without network mode.
     */
    public boolean databaseUnavailable() {
        return database.health.connection() == StorageStatus.Connection.UNAVAILABLE;
    }

    /** Network mode: the answer to an operation this run asked for has arrived; nothing more is written for it. */
    public void answeredByNetwork(UUID id) {
        askedOfNetwork.remove(id);
    }

    /** Network mode: this run, as the sender, took the row (the compare-and-set is committed). */
    void tookForNetwork(UUID id, OperationType type) {
        takenForNetwork.add(id);
        unfinishedTypes.put(id, type);
    }

    /**
     * Network mode: an operation this run sent for the network is finished; its row is removed
     * with its outcome ({@link NetworkStore#writeOutcomes}), not by the next write.
     */
    public void settledForNetwork(UUID id) {
        unfinishedTypes.remove(id);
        refusalReported.remove(id);
        takenForNetwork.remove(id);
    }

    /** Network mode: rows this run took and gave back unsent; another sender may take them now. */
    void gaveBackToNetwork(Collection<UUID> ids) {
        for (UUID id : ids) {
            takenForNetwork.remove(id);
            unfinishedTypes.remove(id);
        }
    }

    /**
     * Resubmits this server's operations left by earlier runs, once each, and removes expired
     * ones. Runs on the storage thread after the schema is ready; call it once at start, after the
     * dispatcher exists. Operations this run accepted are never included.
     */
    public CompletableFuture<ReplayReport> replay(CadDispatcher dispatcher) {
        return database.ready.thenApplyAsync(ignored -> {
            try {
                return database.withConnection(connection -> replay(connection, dispatcher));
            } catch (SQLException e) {
                throw new StorageException("cannot replay the outbox: " + SqlErrors.describe(e), e);
            }
        }, database.writer);
    }

    /**
     * Records operations a dispatcher handed back from {@code close} as not sent (clearing an
     * in-flight mark), for the next start's replay; the next write stores them.
     */
    public void persistPending(List<PendingOperation> operations) {
        for (PendingOperation operation : operations) {
            accepted(operation);
        }
    }

    int backlogSize() {
        return backlog.size();
    }

    /** Whether a change waits to be written (refused ones aside). */
    boolean hasUnwritten() {
        return backlog.waiting() > 0;
    }

    int refusedCount() {
        return backlog.refusedCount();
    }

    /** Changes still to write, refused ones aside. */
    int unwrittenCount() {
        return backlog.waiting();
    }

    /** At a clean stop: the changes the database refused are tried once more. */
    void retryRefused() {
        backlog.retryRefused();
    }

    long notPersisted() {
        return backlog.notPersisted();
    }

    /**
     * Writes what is waiting. Storage writer thread only. Returns false when the write failed
     * because the database could not take it now (everything is kept to be written again); a
     * change the database refuses for what it contains is set aside and the others are written.
     */
    boolean flush() {
        if (!database.ready.isDone()) {
            return false;
        }
        Map<UUID, OutboxBacklog.Change> changes = backlog.drain();
        if (changes.isEmpty()) {
            return true;
        }
        try {
            database.withConnection(connection -> SqlDatabase.inTransaction(connection, c -> write(c, changes)));
            backlog.written();
            reportRoomAgain();
            return true;
        } catch (SQLException e) {
            if (SqlErrors.isTransient(e)) {
                backlog.restore(changes);
                database.health.failed(e);
                return false;
            }
            // One change the database will not take must not hold up every other: try each alone.
            return writeOneByOne(changes);
        } catch (RuntimeException e) {
            backlog.restore(changes);
            database.health.failed(e);
            return false;
        }
    }

    private boolean writeOneByOne(Map<UUID, OutboxBacklog.Change> changes) {
        Map<UUID, OutboxBacklog.Change> unwritten = new LinkedHashMap<>(changes);
        Map<UUID, OutboxBacklog.Change> refusedNow = new LinkedHashMap<>();
        SQLException outage = null;
        for (Map.Entry<UUID, OutboxBacklog.Change> change : changes.entrySet()) {
            try {
                database.withConnection(connection -> write(connection, Map.of(change.getKey(), change.getValue())));
                unwritten.remove(change.getKey());
            } catch (SQLException e) {
                if (SqlErrors.isTransient(e)) {
                    outage = e;
                    break;
                }
                unwritten.remove(change.getKey());
                refusedNow.put(change.getKey(), change.getValue());
                reportRefusedOnce(change.getKey(), change.getValue(), e);
            }
        }
        backlog.settle(unwritten, refusedNow);
        if (outage != null) {
            database.health.failed(outage);
            return false;
        }
        reportRoomAgain();
        return true;
    }

    private void reportRefusedOnce(UUID id, OutboxBacklog.Change change, SQLException reason) {
        if (!refusalReported.add(id)) {
            return;
        }
        OperationType type = change.insert() != null ? change.insert().operation().type() : unfinishedTypes.get(id);
        logger.warning("The database refused to store CAD operation " + id + (type == null ? "" : " (" + type + ")") + ": "
                + SqlErrors.describe(reason) + ". The operation is still sent, from memory; it would not survive a crash"
                + " before it is delivered. The other operations are stored as usual.");
    }

    private void reportRoomAgain() {
        if (!backlog.isFull() && backlogFullReported.compareAndSet(true, false)) {
            logger.info("Outbox backlog has room again; new operations are persisted again");
        }
    }

    private void flushQuietly() {
        flush();
    }

    private Void write(Connection connection, Map<UUID, OutboxBacklog.Change> changes) throws SQLException {
        try (PreparedStatement upsert = connection.prepareStatement(database.dialect.upsertOutboxRow(database.tables));
             // Only this server's own rows: a network row this run took and gave back (its mark still
             // waiting in the backlog) must stay in the network queue for the next sender.
             PreparedStatement markSending = connection.prepareStatement("UPDATE " + database.tables.outbox() + " SET state = '"
                     + SENDING + "' WHERE id = ? AND state IN ('" + PENDING + "', '" + SENDING + "')");
             PreparedStatement markPending = connection.prepareStatement("UPDATE " + database.tables.outbox() + " SET state = '"
                     + PENDING + "' WHERE id = ? AND state IN ('" + PENDING + "', '" + SENDING + "')");
             PreparedStatement delete = connection.prepareStatement("DELETE FROM " + database.tables.outbox() + " WHERE id = ?");
             // A taken network row is marked only while this run still owns it and has not given it back.
             PreparedStatement markTaken = connection.prepareStatement("UPDATE " + database.tables.outbox()
                     + " SET state = ? WHERE id = ? AND owner_run = ? AND state <> '" + NETWORK + "'")) {
            for (Map.Entry<UUID, OutboxBacklog.Change> entry : changes.entrySet()) {
                OutboxBacklog.Change change = entry.getValue();
                String id = entry.getKey().toString();
                if (change.state() == OutboxBacklog.RowState.DONE) {
                    delete.setString(1, id);
                    delete.addBatch();
                } else if (change.insert() != null) {
                    bindRow(upsert, change.insert(), change.state() == OutboxBacklog.RowState.SENDING ? SENDING : PENDING);
                    upsert.addBatch();
                } else if (takenForNetwork.contains(entry.getKey())) {
                    markTaken.setString(1, change.state() == OutboxBacklog.RowState.SENDING ? NET_SENDING : NET_PENDING);
                    markTaken.setString(2, id);
                    markTaken.setString(3, runId);
                    markTaken.addBatch();
                } else {
                    PreparedStatement mark = change.state() == OutboxBacklog.RowState.SENDING ? markSending : markPending;
                    mark.setString(1, id);
                    mark.addBatch();
                }
            }
            upsert.executeBatch();
            markSending.executeBatch();
            markPending.executeBatch();
            markTaken.executeBatch();
            delete.executeBatch();
        }
        return null;
    }

    private void bindRow(PreparedStatement upsert, PendingOperation operation, String state) throws SQLException {
        upsert.setString(1, operation.id().toString());
        upsert.setString(2, serverName);
        upsert.setString(3, runId);
        upsert.setString(4, operation.operation().type().name());
        upsert.setString(5, codec.toJson(operation.operation()));
        upsert.setString(6, askedOfNetwork.contains(operation.id()) ? NETWORK : state);
        upsert.setLong(7, operation.acceptedAt().toEpochMilli());
        upsert.setLong(8, operation.deadline().toEpochMilli());
    }

    /** A row as read; {@code id} is whatever the column holds (a row edited by hand may not hold a UUID). */
    private record StoredRow(String id, String ownerRun, String type, String payload, String state, long acceptedAt, long deadline) {}

    private ReplayReport replay(Connection connection, CadDispatcher dispatcher) throws SQLException {
        Instant now = database.clock.instant();
        List<PendingOperation> toResubmit = new ArrayList<>();
        List<PendingOperation> expired = new ArrayList<>();
        List<PendingOperation> outcomeUnknown = new ArrayList<>();
        int unreadable = 0;
        int leftToLiveRuns = 0;
        Map<String, List<StoredRow>> byOwner = new LinkedHashMap<>();
        for (StoredRow row : leftoverRows(connection)) {
            byOwner.computeIfAbsent(row.ownerRun().strip(), owner -> new ArrayList<>()).add(row);
        }
        for (Map.Entry<String, List<StoredRow>> owner : byOwner.entrySet()) {
            if (!runLock.tryAcquire(connection, owner.getKey())) {
                leftToLiveRuns += owner.getValue().size();
                continue;
            }
            try {
                unreadable += takeOver(connection, owner.getValue(), now, toResubmit, expired, outcomeUnknown);
            } finally {
                runLock.release(connection, owner.getKey());
            }
        }
        if (leftToLiveRuns > 0) {
            logger.warning(leftToLiveRuns + " saved CAD operation(s) under storage.server-name '" + serverName + "' belong to another"
                    + " CadBridge that is running now with the same server-name; they are left to it. Give every server sharing"
                    + " the database its own storage.server-name.");
        }
        // Claims are committed (autocommit) before anything is resubmitted: a crash from here on
        // leaves the rows to the next run's replay, never to two dispatchers at once.
        List<ReplayReport.Resubmitted> resubmitted = new ArrayList<>();
        for (PendingOperation pending : toResubmit) {
            unfinishedTypes.put(pending.id(), pending.operation().type());
            resubmitted.add(new ReplayReport.Resubmitted(pending, dispatcher.resubmit(pending)));
        }
        return new ReplayReport(resubmitted, expired, outcomeUnknown, unreadable);
    }

    /**
     * Sorts the rows of one run that is no longer alive (this replay holds its lock): expired and
     * in-doubt ones are removed, the others claimed for this run. Returns the unreadable rows removed.
     */
    private int takeOver(Connection connection, List<StoredRow> rows, Instant now, List<PendingOperation> toResubmit,
                         List<PendingOperation> expired, List<PendingOperation> outcomeUnknown) throws SQLException {
        int unreadable = 0;
        for (StoredRow row : rows) {
            UUID id;
            CadOperation operation;
            try {
                id = UUID.fromString(row.id());
                operation = codec.fromJson(row.type(), row.payload());
            } catch (OperationCodec.UnreadableOperationException | IllegalArgumentException e) {
                if (removeIfStillOwnedBy(connection, row)) {
                    unreadable++;
                    logger.warning("Outbox row " + row.id() + " is not a valid operation and was removed without sending: " + e.getMessage());
                }
                continue;
            }
            PendingOperation pending = new PendingOperation(id, operation,
                    Instant.ofEpochMilli(row.acceptedAt()), Instant.ofEpochMilli(row.deadline()));
            if (!pending.deadline().isAfter(now)) {
                if (removeIfStillOwnedBy(connection, row)) {
                    expired.add(pending);
                }
            } else if (SENDING.equals(row.state()) && operation.type() == OperationType.NEW_DISPATCH) {
                if (removeIfStillOwnedBy(connection, row)) {
                    outcomeUnknown.add(pending);
                    NewDispatch dispatch = (NewDispatch) operation;
                    logger.warning("New dispatch '" + dispatch.title() + "' (" + row.id() + ") was being sent when the server stopped;"
                            + " it may or may not exist in the CAD and is not sent again. Check the CAD.");
                }
            } else if (claim(connection, row)) {
                toResubmit.add(pending);
            }
        }
        return unreadable;
    }

    private List<StoredRow> leftoverRows(Connection connection) throws SQLException {
        List<StoredRow> rows = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT id, owner_run, op_type, payload, state, accepted_at, deadline FROM " + database.tables.outbox()
                        + " WHERE server_name = ? AND owner_run <> ? AND state IN ('" + PENDING + "', '" + SENDING + "')"
                        + " ORDER BY accepted_at")) {
            select.setString(1, serverName);
            select.setString(2, runId);
            try (ResultSet result = select.executeQuery()) {
                while (result.next()) {
                    rows.add(new StoredRow(result.getString(1).strip(), result.getString(2), result.getString(3),
                            result.getString(4), result.getString(5), result.getLong(6), result.getLong(7)));
                }
            }
        }
        return rows;
    }

    /** Takes the row for this run unless another replay already took it (compare-and-set on the owner). */
    private boolean claim(Connection connection, StoredRow row) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE " + database.tables.outbox()
                + " SET owner_run = ?, state = '" + PENDING + "' WHERE id = ? AND owner_run = ?")) {
            update.setString(1, runId);
            update.setString(2, row.id());
            update.setString(3, row.ownerRun());
            return update.executeUpdate() == 1;
        }
    }

    private boolean removeIfStillOwnedBy(Connection connection, StoredRow row) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement(
                "DELETE FROM " + database.tables.outbox() + " WHERE id = ? AND owner_run = ?")) {
            delete.setString(1, row.id());
            delete.setString(2, row.ownerRun());
            return delete.executeUpdate() == 1;
        }
    }

    private void reportBacklogFullOnce() {
        if (!backlogFullReported.compareAndSet(false, true)) {
            return;
        }
        logger.log(Level.WARNING, "Outbox backlog is full (" + backlog.size() + " changes waiting for the database):"
                + " new CAD operations still go out but are not persisted until the database is back");
    }
}
