package dev.cadbridge.storage;

/** The storage contract on the embedded H2 file (always runs). */
class H2StorageTest extends StorageContract {
    @Override
    StorageType type() {
        return StorageType.H2;
    }
}
