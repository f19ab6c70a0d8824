package dev.cadbridge.storage;

/** Restart, crash and two-server delivery with the real dispatcher and the sandbox, on POSTGRESQL. */
class PostgresOutboxDeliveryTest extends OutboxDeliveryContract {
    @Override
    StorageType type() {
        return StorageType.POSTGRESQL;
    }
}
