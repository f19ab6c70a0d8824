package dev.cadbridge.core;

import dev.cadbridge.storage.Storage;
import dev.cadbridge.storage.StorageConfig;
import java.nio.file.Path;
import java.util.logging.Logger;

/**
 * Starts the storage from the storage: section. Must return at once: it runs in the plugin's
 * enable, on the server thread; connecting and migrating happen on storage threads.
 */
@FunctionalInterface
public interface StorageFactory {
    PluginStorage start(StorageConfig config);

    /** The plugin's storage: H2 files live in {@code dataFolder}. */
    static StorageFactory sql(Path dataFolder, Logger logger) {
        return config -> PluginStorage.sql(Storage.start(config, dataFolder, logger));
    }
}
