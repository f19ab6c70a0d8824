package dev.cadbridge.storage;

import dev.cadbridge.dispatch.CadDispatcher;
import dev.cadbridge.dispatch.OutboxListener;
import dev.cadbridge.dispatch.PendingOperation;
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
import java.util.List;
import java.util.Map;
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
 * accepted itself and two replays never take the same row.
 */
public final class SqlOutbox implements OutboxListener {
    private static final String PENDING = "pending";
    private static final String SENDING = "sending";
    /** Longest a batch with a new dispatch waits for its in-flight mark to be committed. */
    static final Duration MAX_WAIT_FOR_IN_FLIGHT_MARK = Duration.ofSeconds(2);

    private final SqlDatabase database;
    private final OutboxBacklog backlog;
    private final OperationCodec codec = new OperationCodec();
    private final String serverName;
    private final UUID runId = UUID.randomUUID();
    private final Logger logger;
    private final AtomicBoolean backlogFullReported = new AtomicBoolean();
    /** Type of every operation this run knows is unfinished, to tell which batches hold a new dispatch. */
    private final Map<UUID, OperationType> unfinishedTypes = new ConcurrentHashMap<>();

    SqlOutbox(SqlDatabase database, OutboxBacklog backlog, String serverName, Logger logger) {
        this.database = database;
        this.backlog = backlog;
        this.serverName = serverName;
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
     * Marks the batch in flight. For a batch holding a new dispatch this waits (at most
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
        boolean holdsNewDispatch = ids.stream().anyMatch(id -> unfinishedTypes.get(id) == OperationType.NEW_DISPATCH);
        if (holdsNewDispatch && database.ready.isDone() && database.health.connection() != StorageStatus.Connection.UNAVAILABLE) {
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
        backlog.finished(id);
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

    long notPersisted() {
        return backlog.notPersisted();
    }

    /** Writes what is waiting. Storage writer thread only. Returns false when the write failed. */
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
            if (!backlog.isFull() && backlogFullReported.compareAndSet(true, false)) {
                logger.info("Outbox backlog has room again; new operations are persisted again");
            }
            return true;
        } catch (SQLException | RuntimeException e) {
            backlog.restore(changes);
            database.health.failed(e);
            return false;
        }
    }

    private void flushQuietly() {
        flush();
    }

    private Void write(Connection connection, Map<UUID, OutboxBacklog.Change> changes) throws SQLException {
        try (PreparedStatement upsert = connection.prepareStatement(database.dialect.upsertOutboxRow(database.tables));
             PreparedStatement markSending = connection.prepareStatement(
                     "UPDATE " + database.tables.outbox() + " SET state = '" + SENDING + "' WHERE id = ?");
             PreparedStatement markPending = connection.prepareStatement(
                     "UPDATE " + database.tables.outbox() + " SET state = '" + PENDING + "' WHERE id = ?");
             PreparedStatement delete = connection.prepareStatement("DELETE FROM " + database.tables.outbox() + " WHERE id = ?")) {
            for (Map.Entry<UUID, OutboxBacklog.Change> entry : changes.entrySet()) {
                OutboxBacklog.Change change = entry.getValue();
                String id = entry.getKey().toString();
                if (change.state() == OutboxBacklog.RowState.DONE) {
                    delete.setString(1, id);
                    delete.addBatch();
                } else if (change.insert() != null) {
                    bindRow(upsert, change.insert(), change.state() == OutboxBacklog.RowState.SENDING ? SENDING : PENDING);
                    upsert.addBatch();
                } else {
                    PreparedStatement mark = change.state() == OutboxBacklog.RowState.SENDING ? markSending : markPending;
                    mark.setString(1, id);
                    mark.addBatch();
                }
            }
            upsert.executeBatch();
            markSending.executeBatch();
            markPending.executeBatch();
            delete.executeBatch();
        }
        return null;
    }

    private void bindRow(PreparedStatement upsert, PendingOperation operation, String state) throws SQLException {
        upsert.setString(1, operation.id().toString());
        upsert.setString(2, serverName);
        upsert.setString(3, runId.toString());
        upsert.setString(4, operation.operation().type().name());
        upsert.setString(5, codec.toJson(operation.operation()));
        upsert.setString(6, state);
        upsert.setLong(7, operation.acceptedAt().toEpochMilli());
        upsert.setLong(8, operation.deadline().toEpochMilli());
    }

    private record StoredRow(UUID id, String ownerRun, String type, String payload, String state, long acceptedAt, long deadline) {}

    private ReplayReport replay(Connection connection, CadDispatcher dispatcher) throws SQLException {
        Instant now = database.clock.instant();
        List<PendingOperation> toResubmit = new ArrayList<>();
        List<PendingOperation> expired = new ArrayList<>();
        List<PendingOperation> outcomeUnknown = new ArrayList<>();
        int unreadable = 0;
        for (StoredRow row : leftoverRows(connection)) {
            CadOperation operation;
            try {
                operation = codec.fromJson(row.type(), row.payload());
            } catch (OperationCodec.UnreadableOperationException e) {
                if (removeIfStillOwnedBy(connection, row)) {
                    unreadable++;
                    logger.warning("Outbox row " + row.id() + " is not a valid operation and was removed without sending: " + e.getMessage());
                }
                continue;
            }
            PendingOperation pending = new PendingOperation(row.id(), operation,
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
        // Claims are committed (autocommit) before anything is resubmitted: a crash from here on
        // leaves the rows to the next run's replay, never to two dispatchers at once.
        List<ReplayReport.Resubmitted> resubmitted = new ArrayList<>();
        for (PendingOperation pending : toResubmit) {
            unfinishedTypes.put(pending.id(), pending.operation().type());
            resubmitted.add(new ReplayReport.Resubmitted(pending, dispatcher.resubmit(pending)));
        }
        return new ReplayReport(resubmitted, expired, outcomeUnknown, unreadable);
    }

    private List<StoredRow> leftoverRows(Connection connection) throws SQLException {
        List<StoredRow> rows = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT id, owner_run, op_type, payload, state, accepted_at, deadline FROM " + database.tables.outbox()
                        + " WHERE server_name = ? AND owner_run <> ? ORDER BY accepted_at")) {
            select.setString(1, serverName);
            select.setString(2, runId.toString());
            try (ResultSet result = select.executeQuery()) {
                while (result.next()) {
                    rows.add(new StoredRow(UUID.fromString(result.getString(1).strip()), result.getString(2), result.getString(3),
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
            update.setString(1, runId.toString());
            update.setString(2, row.id().toString());
            update.setString(3, row.ownerRun());
            return update.executeUpdate() == 1;
        }
    }

    private boolean removeIfStillOwnedBy(Connection connection, StoredRow row) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement(
                "DELETE FROM " + database.tables.outbox() + " WHERE id = ? AND owner_run = ?")) {
            delete.setString(1, row.id().toString());
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
