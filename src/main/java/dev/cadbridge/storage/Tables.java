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

    /** Network mode: what the sender learned about each operation, for the server that asked. */
    String networkResults() {
        return prefix + "network_results";
    }

    /** Network mode: every run of every server on this database, and which one sends. */
    String networkRuns() {
        return prefix + "network_runs";
    }
}
