package dev.cadbridge.storage;

/** Restart, crash and two-server delivery with the real dispatcher and the sandbox, on MARIADB. */
class MariaDbOutboxDeliveryTest extends OutboxDeliveryContract {
    @Override
    StorageType type() {
        return StorageType.MARIADB;
    }
}
