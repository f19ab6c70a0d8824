package dev.cadbridge.storage;

/** The storage contract on a real MariaDB server (CADBRIDGE_TEST_MARIADB_*). */
class MariaDbStorageTest extends StorageContract {
    @Override
    StorageType type() {
        return StorageType.MARIADB;
    }
}
