package dev.cadbridge.storage;

import dev.cadbridge.identity.CadIdentity;
import dev.cadbridge.identity.IdentityRepository;
import dev.cadbridge.identity.IdentitySource;
import dev.cadbridge.identity.LinkState;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/** Identities in the shared identities table; every server on the database sees the same ones. */
public final class SqlIdentityRepository implements IdentityRepository {
    private static final String COLUMNS = "player_uuid, cad_id, source, link_state, account_uuid, link_checked_at, updated_at";

    private final SqlDatabase database;
    private final String table;

    SqlIdentityRepository(SqlDatabase database) {
        this.database = database;
        this.table = database.tables.identities();
    }

    @Override
    public CompletableFuture<Optional<CadIdentity>> find(UUID playerId) {
        return database.query("look up the CAD identity of " + playerId,
                connection -> selectOne(connection, "player_uuid", playerId.toString()));
    }

    @Override
    public CompletableFuture<Optional<CadIdentity>> findByCadId(String cadId) {
        return database.query("look up CAD id '" + cadId + "'", connection -> selectOne(connection, "cad_id", cadId));
    }

    /** Fails with {@link CadIdTakenException} when another player already has the CAD id. */
    @Override
    public CompletableFuture<Void> save(CadIdentity identity) {
        return database.query("save the CAD identity of " + identity.playerId(), connection -> {
            upsert(connection, identity);
            return null;
        });
    }

    @Override
    public CompletableFuture<Boolean> delete(UUID playerId) {
        return database.query("delete the CAD identity of " + playerId, connection -> {
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM " + table + " WHERE player_uuid = ?")) {
                delete.setString(1, playerId.toString());
                return delete.executeUpdate() > 0;
            }
        });
    }

    @Override
    public CompletableFuture<Long> count() {
        return database.query("count CAD identities", connection -> {
            try (PreparedStatement count = connection.prepareStatement("SELECT COUNT(*) FROM " + table);
                 ResultSet result = count.executeQuery()) {
                result.next();
                return result.getLong(1);
            }
        });
    }

    private Optional<CadIdentity> selectOne(Connection connection, String column, String value) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT " + COLUMNS + " FROM " + table + " WHERE " + column + " = ?")) {
            select.setString(1, value);
            try (ResultSet result = select.executeQuery()) {
                return result.next() ? Optional.of(read(result)) : Optional.empty();
            }
        }
    }

    /**
     * Update first, insert when there was nothing to update. Not a dialect upsert: MariaDB's
     * ON DUPLICATE KEY would fire on the unique cad_id too and overwrite the other player's row.
     * Autocommit per statement, so a refused statement does not poison a PostgreSQL transaction.
     */
    private void upsert(Connection connection, CadIdentity identity) throws SQLException {
        try {
            if (update(connection, identity) == 0) {
                insert(connection, identity);
            }
        } catch (SQLException e) {
            if (!SqlErrors.isConstraintViolation(e)) {
                throw e;
            }
            // Either the cad_id belongs to someone else, or another server inserted this player
            // between our update and insert; in the second case the update now succeeds.
            try {
                if (update(connection, identity) == 1) {
                    return;
                }
            } catch (SQLException again) {
                if (!SqlErrors.isConstraintViolation(again)) {
                    throw again;
                }
            }
            throw new CadIdTakenException(identity.cadId());
        }
    }

    private int update(Connection connection, CadIdentity identity) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE " + table
                + " SET cad_id = ?, source = ?, link_state = ?, account_uuid = ?, link_checked_at = ?, updated_at = ? WHERE player_uuid = ?")) {
            update.setString(1, identity.cadId());
            update.setString(2, identity.source().name());
            update.setString(3, identity.linkState().name());
            update.setString(4, identity.accountUuid());
            setInstant(update, 5, identity.linkCheckedAt());
            setInstant(update, 6, updatedAt(identity));
            update.setString(7, identity.playerId().toString());
            return update.executeUpdate();
        }
    }

    private void insert(Connection connection, CadIdentity identity) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + table + " (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, identity.playerId().toString());
            insert.setString(2, identity.cadId());
            insert.setString(3, identity.source().name());
            insert.setString(4, identity.linkState().name());
            insert.setString(5, identity.accountUuid());
            setInstant(insert, 6, identity.linkCheckedAt());
            setInstant(insert, 7, updatedAt(identity));
            insert.executeUpdate();
        }
    }

    private Instant updatedAt(CadIdentity identity) {
        return identity.updatedAt() != null ? identity.updatedAt() : database.clock.instant();
    }

    private static void setInstant(PreparedStatement statement, int index, Instant instant) throws SQLException {
        if (instant == null) {
            statement.setNull(index, Types.BIGINT);
        } else {
            statement.setLong(index, instant.toEpochMilli());
        }
    }

    private static CadIdentity read(ResultSet result) throws SQLException {
        long checkedAt = result.getLong(6);
        Instant linkCheckedAt = result.wasNull() ? null : Instant.ofEpochMilli(checkedAt);
        return new CadIdentity(
                UUID.fromString(result.getString(1).strip()),
                result.getString(2),
                IdentitySource.valueOf(result.getString(3)),
                LinkState.valueOf(result.getString(4)),
                result.getString(5),
                linkCheckedAt,
                Instant.ofEpochMilli(result.getLong(7)));
    }
}
