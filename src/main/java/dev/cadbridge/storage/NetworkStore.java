package dev.cadbridge.storage;

import dev.cadbridge.outbound.PendingOperation;
import dev.cadbridge.sonoran.CadOperation;
import dev.cadbridge.sonoran.CadResult;
import dev.cadbridge.sonoran.OperationType;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Network mode's use of the shared database: the election of the one server that sends for all
 * (a session-level lock on a connection of its own, which the database releases when that session
 * ends), the network queue (outbox rows in state {@code network}, which the sender takes), the
 * outcomes the sender leaves for the server that asked, and the table of runs that shows who sends.
 * Every method blocks on the database: network threads only, never the server thread.
 */
public final class NetworkStore {
    /** How long a result nobody collected (its server restarted) is kept. */
    static final Duration RESULT_KEPT = Duration.ofMinutes(10);
    /** Rows of runs not seen for this long are removed; until then their server-name counts as seen. */
    static final Duration RUN_KEPT = Duration.ofDays(7);

    private final SqlDatabase database;
    private final SqlOutbox outbox;
    private final RunLock runLock;
    private final String runId;
    private final String serverName;
    private final String senderLock;
    private final DataSource dataSource;
    private final Consumer<Connection> discard;
    private final Duration electionSilence;
    private final Duration poolSilence;
    private final OperationCodec codec = new OperationCodec();
    private final Logger logger;

    private Connection election;
    private boolean senderLockHeld;

    NetworkStore(SqlDatabase database, SqlOutbox outbox, RunLock runLock, String runId, StorageConfig config,
                 DataSource dataSource, Consumer<Connection> discard, Duration electionSilence, Duration poolSilence,
                 Logger logger) {
        this.database = database;
        this.outbox = outbox;
        this.runLock = runLock;
        this.runId = runId;
        this.serverName = config.serverName();
        this.senderLock = senderLockName(config);
        this.dataSource = dataSource;
        this.discard = discard;
        this.electionSilence = electionSilence;
        this.poolSilence = poolSilence;
        this.logger = logger;
    }

    /** The election's lock: one per database and table prefix, so every server of one network names the same. */
    static String senderLockName(StorageConfig config) {
        return "net_" + UUID.nameUUIDFromBytes((config.type() + "/" + config.host() + "/" + config.database() + "/"
                + config.tablePrefix()).getBytes(StandardCharsets.UTF_8)).toString().replace("-", "");
    }

    /** This server's outbox, where network rows are marked while they are sent. */
    public SqlOutbox outbox() {
        return outbox;
    }

    public String serverName() {
        return serverName;
    }

    public String runId() {
        return runId;
    }

    /**
     * How long the other connections (taking work, writing outcomes, recording the run) may go
     * without an answer before they count as cut off: the pool's own limit for a silent connection.
     * A statement the database cancels (a lock wait past the query timeout) answers sooner.
     */
    public Duration poolSilence() {
        return poolSilence;
    }

    /** Whether the schema is ready; nothing here works before. */
    public boolean ready() {
        return database.ready.isDone();
    }

    // ----- the election -----

    /**
     * Takes the sender lock if it is free, or confirms this run still holds it; true while it does.
     * A connection that does not answer within the election silence is dropped with its session,
     * and the lock with it: then this throws, and this run is not the sender any more.
     */
    public synchronized boolean holdSenderLock() throws SQLException {
        try {
            if (election == null) {
                election = openElectionConnection();
            }
            if (senderLockHeld) {
                try (Statement statement = election.createStatement()) {
                    statement.execute("SELECT 1");
                }
                return true;
            }
            senderLockHeld = runLock.tryAcquire(election, senderLock);
            return senderLockHeld;
        } catch (SQLException | RuntimeException e) {
            dropElection();
            throw e;
        }
    }

    /** Gives the sender lock up (a clean stop, or sending was switched off); another server may take it at once. */
    public synchronized void releaseSenderLock() {
        if (election == null) {
            return;
        }
        if (senderLockHeld) {
            try {
                runLock.release(election, senderLock);
            } catch (SQLException ignored) {
                // the session ends with the connection below, and the lock with it
            }
        }
        dropElection();
    }

    private void dropElection() {
        Connection lost = election;
        election = null;
        senderLockHeld = false;
        if (lost != null) {
            discard.accept(lost);
        }
    }

    /**
     * The election connection is asked for a sign of life several times a second. Its reads give up
     * after the election silence, so a sender cut off from the database knows within that time; the
     * database ends the session of a client gone silent after about ten seconds, so another server
     * can take the lock.
     */
    private Connection openElectionConnection() throws SQLException {
        Connection connection = dataSource.getConnection();
        try {
            connection.setAutoCommit(true);
            connection.setNetworkTimeout(Runnable::run, (int) electionSilence.toMillis());
            try (Statement statement = connection.createStatement()) {
                switch (database.dialect) {
                    case MARIADB -> statement.execute("SET SESSION wait_timeout = 10");
                    case POSTGRESQL -> {
                        statement.execute("SET tcp_keepalives_idle = 2");
                        statement.execute("SET tcp_keepalives_interval = 1");
                        statement.execute("SET tcp_keepalives_count = 3");
                        if (connection.getMetaData().getDatabaseMajorVersion() >= 14) {
                            statement.execute("SET idle_session_timeout = 10000");
                        }
                    }
                    case H2 -> { }
                }
            }
            return connection;
        } catch (SQLException | RuntimeException e) {
            discard.accept(connection);
            throw e;
        }
    }

    // ----- the sender's side -----

    /** An operation the sender took, and the server that asked for it (its outcome goes there). */
    public record Claim(PendingOperation pending, String askedBy) {}

    /** An outcome for the server that asked. */
    public record Outcome(UUID id, String askedBy, CadResult result) {}

    /** What one look at the network queue found: operations to send, and outcomes settled without sending. */
    public record Claims(List<Claim> toSend, List<Outcome> settled) {}

    private record Row(String id, String serverName, String ownerRun, String type, String payload, String state,
                       long acceptedAt, long deadline) {}

    /**
     * Takes for this run every waiting network row, and the rows of a sender that is gone (its run
     * lock is free): expired ones and new dispatches that may have reached the CAD are settled
     * without sending, as at a restart. Each take is a compare-and-set on the owner, committed
     * before the operation is handed to the dispatcher.
     */
    public Claims claim(Instant now, int limit) throws SQLException {
        return database.withConnection(connection -> claim(connection, now, limit));
    }

    private Claims claim(Connection connection, Instant now, int limit) throws SQLException {
        List<Row> rows = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT id, server_name, owner_run, op_type, payload, state, accepted_at, deadline FROM " + database.tables.outbox()
                        + " WHERE state = '" + SqlOutbox.NETWORK + "' OR (state IN ('" + SqlOutbox.NET_PENDING + "', '"
                        + SqlOutbox.NET_SENDING + "') AND owner_run <> ?) ORDER BY accepted_at")) {
            select.setMaxRows(limit);
            select.setString(1, runId);
            try (ResultSet result = select.executeQuery()) {
                while (result.next()) {
                    rows.add(new Row(result.getString(1).strip(), result.getString(2), result.getString(3).strip(), result.getString(4),
                            result.getString(5), result.getString(6), result.getLong(7), result.getLong(8)));
                }
            }
        }
        List<Claim> toSend = new ArrayList<>();
        List<Outcome> settled = new ArrayList<>();
        Map<String, List<Row>> ofOtherSenders = new LinkedHashMap<>();
        Map<String, Boolean> askerGone = new HashMap<>();
        for (Row row : rows) {
            if (SqlOutbox.NETWORK.equals(row.state())) {
                if (diesWithItsAsker(row)) {
                    Boolean gone = askerGone.get(row.ownerRun());
                    if (gone == null) {
                        gone = runIsGone(connection, row.ownerRun());
                        askerGone.put(row.ownerRun(), gone);
                    }
                    if (gone) {
                        remove(connection, row);
                        continue;
                    }
                }
                take(connection, row, now, false, toSend, settled);
            } else {
                ofOtherSenders.computeIfAbsent(row.ownerRun(), owner -> new ArrayList<>()).add(row);
            }
        }
        for (Map.Entry<String, List<Row>> sender : ofOtherSenders.entrySet()) {
            if (!runLock.tryAcquire(connection, sender.getKey())) {
                continue; // that sender's run is alive: it gives its rows back itself
            }
            try {
                for (Row row : sender.getValue()) {
                    take(connection, row, now, true, toSend, settled);
                }
            } finally {
                runLock.release(connection, sender.getKey());
            }
        }
        return new Claims(toSend, settled);
    }

    /**
     * A waiting row of a route that is not stored (a panic, a status, a 911 call) lives only as long
     * as the run that asked: after that server stopped or died, sending it would be a false alarm or
     * a stale state, and nobody waits for its answer.
     */
    private static boolean diesWithItsAsker(Row row) {
        try {
            return !OperationType.valueOf(row.type()).route().stored();
        } catch (IllegalArgumentException e) {
            return false; // unreadable: take() removes it with a warning
        }
    }

    /** True when the run's lock is free, so the run has ended; never for this run. */
    private boolean runIsGone(Connection connection, String run) throws SQLException {
        if (run.equals(runId)) {
            return false;
        }
        if (runLock.tryAcquire(connection, run)) {
            runLock.release(connection, run);
            return true;
        }
        return false;
    }

    private void take(Connection connection, Row row, Instant now, boolean fromGoneSender, List<Claim> toSend,
                      List<Outcome> settled) throws SQLException {
        UUID id;
        CadOperation operation;
        try {
            id = UUID.fromString(row.id());
            operation = codec.fromJson(row.type(), row.payload());
        } catch (OperationCodec.UnreadableOperationException | IllegalArgumentException e) {
            if (remove(connection, row)) {
                logger.warning("Network queue row " + row.id() + " is not a valid operation and was removed without sending: " + e.getMessage());
            }
            return;
        }
        PendingOperation pending = new PendingOperation(id, operation, Instant.ofEpochMilli(row.acceptedAt()), Instant.ofEpochMilli(row.deadline()));
        if (!pending.deadline().isAfter(now)) {
            if (remove(connection, row)) {
                settled.add(new Outcome(id, row.serverName(), new CadResult.Expired("not sent within its deadline ("
                        + Duration.between(pending.acceptedAt(), pending.deadline()).toSeconds() + " s); it was never sent")));
            }
        } else if (fromGoneSender && SqlOutbox.NET_SENDING.equals(row.state()) && !operation.type().route().repeatable()) {
            if (remove(connection, row)) {
                settled.add(new Outcome(id, row.serverName(), new CadResult.OutcomeUnknown("the server sending for the network stopped"
                        + " while this " + operation.type().route().description() + " was being sent; it may have been created, so it is"
                        + " not sent again. Check the CAD.")));
                logger.warning("A " + operation.type().route().description() + " (" + row.id() + ") was being sent by a server that stopped;"
                        + " it may or may not exist in the CAD and is not sent again. Check the CAD.");
            }
        } else if (compareAndTake(connection, row)) {
            outbox.tookForNetwork(id, operation.type());
            toSend.add(new Claim(pending, row.serverName()));
        }
    }

    private boolean compareAndTake(Connection connection, Row row) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE " + database.tables.outbox()
                + " SET owner_run = ?, state = '" + SqlOutbox.NET_PENDING + "' WHERE id = ? AND owner_run = ? AND state = ?")) {
            update.setString(1, runId);
            update.setString(2, row.id());
            update.setString(3, row.ownerRun());
            update.setString(4, row.state());
            return update.executeUpdate() == 1;
        }
    }

    private boolean remove(Connection connection, Row row) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement(
                "DELETE FROM " + database.tables.outbox() + " WHERE id = ? AND owner_run = ? AND state = ?")) {
            delete.setString(1, row.id());
            delete.setString(2, row.ownerRun());
            delete.setString(3, row.state());
            return delete.executeUpdate() == 1;
        }
    }

    /**
     * Puts rows this run took back in the network queue unsent (it stopped sending while alive, so
     * its run lock would keep them from the next sender).
     */
    public void giveBack(Collection<UUID> ids) throws SQLException {
        if (ids.isEmpty()) {
            return;
        }
        database.withConnection(connection -> {
            try (PreparedStatement update = connection.prepareStatement("UPDATE " + database.tables.outbox()
                    + " SET state = '" + SqlOutbox.NETWORK + "' WHERE id = ? AND owner_run = ?")) {
                for (UUID id : ids) {
                    update.setString(1, id.toString());
                    update.setString(2, runId);
                    update.addBatch();
                }
                update.executeBatch();
            }
            return null;
        });
        outbox.gaveBackToNetwork(ids);
    }

    /**
     * Leaves outcomes for the servers that asked and, in the same transaction, removes the rows this
     * run sent: a sender that dies in between leaves the row, never a finished row without its outcome.
     */
    public void writeOutcomes(List<Outcome> outcomes, Instant now) throws SQLException {
        if (outcomes.isEmpty()) {
            return;
        }
        database.withConnection(connection -> SqlDatabase.inTransaction(connection, c -> {
            try (PreparedStatement delete = c.prepareStatement("DELETE FROM " + database.tables.networkResults() + " WHERE id = ?");
                 PreparedStatement sent = c.prepareStatement("DELETE FROM " + database.tables.outbox() + " WHERE id = ? AND owner_run = ?");
                 PreparedStatement insert = c.prepareStatement("INSERT INTO " + database.tables.networkResults()
                         + " (id, server_name, payload, finished_at) VALUES (?, ?, ?, ?)")) {
                Map<UUID, Outcome> latest = new LinkedHashMap<>();
                outcomes.forEach(outcome -> latest.put(outcome.id(), outcome));
                for (Outcome outcome : latest.values()) {
                    delete.setString(1, outcome.id().toString());
                    delete.addBatch();
                    sent.setString(1, outcome.id().toString());
                    sent.setString(2, runId);
                    sent.addBatch();
                    insert.setString(1, outcome.id().toString());
                    insert.setString(2, outcome.askedBy());
                    insert.setString(3, ResultCodec.toJson(outcome.result()));
                    insert.setLong(4, now.toEpochMilli());
                    insert.addBatch();
                }
                delete.executeBatch();
                insert.executeBatch();
                sent.executeBatch();
            }
            return null;
        }));
    }

    /** Removes outcomes nobody collected (the asking server restarted in between). */
    public void forgetOldOutcomes(Instant now) throws SQLException {
        database.withConnection(connection -> {
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM " + database.tables.networkResults() + " WHERE finished_at < ?")) {
                delete.setLong(1, now.minus(RESULT_KEPT).toEpochMilli());
                delete.executeUpdate();
            }
            return null;
        });
    }

    // ----- the asking server's side -----

    /** Collects (and removes) the outcomes of {@code awaited} that have arrived for this server. */
    public Map<UUID, CadResult> collectOutcomes(Set<UUID> awaited) throws SQLException {
        return database.withConnection(connection -> {
            Map<UUID, CadResult> arrived = new HashMap<>();
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT id, payload FROM " + database.tables.networkResults() + " WHERE server_name = ?")) {
                select.setString(1, serverName);
                try (ResultSet result = select.executeQuery()) {
                    while (result.next()) {
                        UUID id;
                        try {
                            id = UUID.fromString(result.getString(1).strip());
                        } catch (IllegalArgumentException e) {
                            continue;
                        }
                        if (awaited.contains(id)) {
                            arrived.put(id, ResultCodec.fromJson(result.getString(2)));
                        }
                    }
                }
            }
            if (!arrived.isEmpty()) {
                try (PreparedStatement delete = connection.prepareStatement(
                        "DELETE FROM " + database.tables.networkResults() + " WHERE id = ?")) {
                    for (UUID id : arrived.keySet()) {
                        delete.setString(1, id.toString());
                        delete.addBatch();
                    }
                    delete.executeBatch();
                }
                arrived.keySet().forEach(outbox::answeredByNetwork);
            }
            return arrived;
        });
    }

    // ----- the runs: who is there, who sends -----

    /**
     * What /cad status shows about the network, and {@code playersElsewhere}, the players on the
     * other live runs as each last counted them (the sender adds its own for the heartbeat); {@code serverIds}, the
     * {@code sonoran.server-id}s of the live runs.
     */
    public record View(String sender, Instant senderSince, String tookOverFrom, int serverNames,
                       Map<OperationType, Integer> queued, List<String> sameNameRuns, int playersElsewhere,
                       Set<Integer> serverIds) {}

    /**
     * Records that this run is alive (and whether it sends: {@code senderSince}, null when not),
     * removes runs long gone, and reads the network's state. {@code tookOverFrom} is the server that
     * sent before this one, when this run just became the sender; {@code players} is this server's
     * count at its last heartbeat, -1 before the first, and {@code sonoranServerId} its {@code sonoran.server-id}, -1 before it is known.
     */
    public View recordRun(Instant now, Instant senderSince, String tookOverFrom, int players, int sonoranServerId,
                          Duration aliveWithin) throws SQLException {
        return database.withConnection(connection -> {
            try (PreparedStatement update = connection.prepareStatement("UPDATE " + database.tables.networkRuns()
                    + " SET server_name = ?, seen_at = ?, sender_since = ?, took_over_from = ?, player_count = ?, server_id = ?"
                    + " WHERE run_id = ?")) {
                bindRun(update, now, senderSince, tookOverFrom, players, sonoranServerId);
                update.setString(7, runId);
                if (update.executeUpdate() == 0) {
                    try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + database.tables.networkRuns()
                            + " (server_name, seen_at, sender_since, took_over_from, player_count, server_id, run_id)"
                            + " VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                        bindRun(insert, now, senderSince, tookOverFrom, players, sonoranServerId);
                        insert.setString(7, runId);
                        insert.executeUpdate();
                    }
                }
            }
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM " + database.tables.networkRuns() + " WHERE seen_at < ?")) {
                delete.setLong(1, now.minus(RUN_KEPT).toEpochMilli());
                delete.executeUpdate();
            }
            return readView(connection, now, aliveWithin);
        });
    }

    private void bindRun(PreparedStatement statement, Instant now, Instant senderSince, String tookOverFrom, int players,
                         int sonoranServerId) throws SQLException {
        statement.setString(1, serverName);
        statement.setLong(2, now.toEpochMilli());
        if (senderSince == null) {
            statement.setNull(3, java.sql.Types.BIGINT);
        } else {
            statement.setLong(3, senderSince.toEpochMilli());
        }
        statement.setString(4, tookOverFrom);
        setOptional(statement, 5, players);
        setOptional(statement, 6, sonoranServerId);
    }

    /** Negative: not known. */
    private static void setOptional(PreparedStatement statement, int index, int value) throws SQLException {
        if (value < 0) {
            statement.setNull(index, java.sql.Types.INTEGER);
        } else {
            statement.setInt(index, value);
        }
    }

    /** The server that sends now, according to the runs table: the latest to become sender among runs seen lately. */
    public String currentSender(Instant now, Duration aliveWithin) throws SQLException {
        return database.withConnection(connection -> readView(connection, now, aliveWithin).sender());
    }

    private View readView(Connection connection, Instant now, Duration aliveWithin) throws SQLException {
        String sender = null;
        long senderSince = Long.MIN_VALUE;
        String tookOverFrom = null;
        Set<String> names = new java.util.HashSet<>();
        List<String> sameName = new ArrayList<>();
        int playersElsewhere = 0;
        Set<Integer> serverIds = new java.util.TreeSet<>();
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT run_id, server_name, seen_at, sender_since, took_over_from, player_count, server_id FROM " + database.tables.networkRuns())) {
            try (ResultSet result = select.executeQuery()) {
                while (result.next()) {
                    String run = result.getString(1).strip();
                    String name = result.getString(2);
                    long seenAt = result.getLong(3);
                    long since = result.getLong(4);
                    boolean sends = !result.wasNull();
                    names.add(name);
                    boolean alive = seenAt >= now.minus(aliveWithin).toEpochMilli();
                    if (sends && alive && since > senderSince) {
                        sender = name;
                        senderSince = since;
                        tookOverFrom = result.getString(5);
                    }
                    int players = result.getInt(6);
                    if (alive && !result.wasNull() && !run.equals(runId)) {
                        playersElsewhere += players;
                    }
                    int sonoranServerId = result.getInt(7);
                    if (alive && !result.wasNull()) {
                        serverIds.add(sonoranServerId);
                    }
                    if (alive && name.equals(serverName) && !run.equals(runId)) {
                        sameName.add(run);
                    }
                }
            }
        }
        try (Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("SELECT DISTINCT server_name FROM " + database.tables.outbox())) {
            while (result.next()) {
                names.add(result.getString(1));
            }
        }
        Map<OperationType, Integer> queued = new TreeMap<>();
        try (Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("SELECT op_type, COUNT(*) FROM " + database.tables.outbox()
                     + " WHERE state IN ('" + SqlOutbox.NETWORK + "', '" + SqlOutbox.NET_PENDING + "', '" + SqlOutbox.NET_SENDING + "')"
                     + " GROUP BY op_type")) {
            while (result.next()) {
                try {
                    queued.put(OperationType.valueOf(result.getString(1)), result.getInt(2));
                } catch (IllegalArgumentException ignored) {
                    // a row edited by hand; the sender removes it
                }
            }
        }
        List<String> liveTwins = new ArrayList<>();
        for (String run : sameName) {
            // Told apart by the run lock: a run whose lock is free is gone, whatever its row says.
            if (!runIsGone(connection, run)) {
                liveTwins.add(run);
            }
        }
        return new View(sender, sender == null ? null : Instant.ofEpochMilli(senderSince), tookOverFrom, names.size(),
                Map.copyOf(queued), List.copyOf(liveTwins), playersElsewhere, java.util.Collections.unmodifiableSet(serverIds));
    }
}
