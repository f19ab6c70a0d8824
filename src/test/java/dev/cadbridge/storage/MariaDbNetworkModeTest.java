package dev.cadbridge.storage;

/** Network mode of four cores on MARIADB. */
class MariaDbNetworkModeTest extends NetworkModeContract {
    @Override
    StorageType type() {
        return StorageType.MARIADB;
    }
}
