package dev.cadbridge.storage;

/** Network mode of four cores on POSTGRESQL. */
class PostgresNetworkModeTest extends NetworkModeContract {
    @Override
    StorageType type() {
        return StorageType.POSTGRESQL;
    }
}
