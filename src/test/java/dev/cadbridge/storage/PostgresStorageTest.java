package dev.cadbridge.storage;

/** The storage contract on a real PostgreSQL server (CADBRIDGE_TEST_PG_*). */
class PostgresStorageTest extends StorageContract {
    @Override
    StorageType type() {
        return StorageType.POSTGRESQL;
    }
}
