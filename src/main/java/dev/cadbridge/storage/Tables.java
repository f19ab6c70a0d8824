package dev.cadbridge.storage;

/** Table names with the configured prefix (validated to identifier characters by {@link StorageConfig}). */
record Tables(String prefix) {
    String identities() {
        return prefix + "identities";
    }

    String outbox() {
        return prefix + "outbox";
    }

    String schemaVersion() {
        return prefix + "schema_version";
    }

    String schemaLock() {
        return prefix + "schema_lock";
    }
}
