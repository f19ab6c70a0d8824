package dev.cadbridge.storage;

import java.util.List;

/** One schema version: statements applied in order, then recorded in the schema_version table. */
record Migration(int version, String description, List<String> statements) {}
