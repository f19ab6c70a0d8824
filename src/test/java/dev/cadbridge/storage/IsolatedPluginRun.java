package dev.cadbridge.storage;

import java.nio.file.Path;
import java.sql.Driver;
import java.sql.DriverManager;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.logging.Logger;

/**
 * Loaded by {@link JdbcDriverReleaseTest} in a class loader of its own, as Paper loads a plugin:
 * starts and closes an H2 storage there and reports which JDBC drivers this loader can see in
 * {@link DriverManager} (the lookup is filtered by the caller's class loader, so it must run here).
 */
public final class IsolatedPluginRun {
    private IsolatedPluginRun() {}

    /** The registered drivers of this plugin run's own copy, while the storage runs and after it closed. */
    public static List<List<String>> startAndClose(String dataFolder) {
        ClassLoader plugin = IsolatedPluginRun.class.getClassLoader();
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        // The server thread's context loader cannot see a plugin's libraries.
        thread.setContextClassLoader(ClassLoader.getPlatformClassLoader());
        try {
            Storage storage = Storage.start(StorageConfig.h2("isolated"), Path.of(dataFolder), Clock.systemUTC(),
                    StorageTuning.defaults(), Logger.getLogger("isolated-plugin-run"));
            storage.ready().join();
            List<String> running = driversOf(plugin);
            storage.close(List.of(), Duration.ofSeconds(10));
            return List.of(running, driversOf(plugin));
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /** Every registered driver whose class is the one {@code plugin} resolves, with the loader that defined it. */
    private static List<String> driversOf(ClassLoader plugin) {
        List<String> found = new ArrayList<>();
        for (Driver driver : Collections.list(DriverManager.getDrivers())) {
            Class<?> type = driver.getClass();
            String definedBy = type.getClassLoader() == plugin ? "plugin" : String.valueOf(type.getClassLoader().getName());
            found.add(type.getName() + " from " + definedBy);
        }
        return found;
    }
}
