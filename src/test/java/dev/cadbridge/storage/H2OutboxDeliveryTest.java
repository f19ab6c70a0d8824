package dev.cadbridge.storage;

/** Restart, crash and two-server delivery with the real dispatcher and the sandbox, on H2. */
class H2OutboxDeliveryTest extends OutboxDeliveryContract {
    @Override
    StorageType type() {
        return StorageType.H2;
    }
}
