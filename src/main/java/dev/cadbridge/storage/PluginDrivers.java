package dev.cadbridge.storage;

import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Collections;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Takes the plugin's own JDBC drivers out of {@link DriverManager}. A driver registers itself
 * when its class is first loaded and stays registered for the life of the JVM, holding its class
 * loader, so without this every reload would leave the previous plugin's loader behind.
 */
final class PluginDrivers {
    private PluginDrivers() {}

    /**
     * Deregisters every driver that {@code plugin} loaded: by itself, or through a library loader
     * it delegates to (Paper's {@code libraries:}). A driver from one of {@code plugin}'s parents
     * belongs to the server and every plugin, and stays.
     */
    static void deregister(ClassLoader plugin, Logger logger) {
        for (Driver driver : Collections.list(DriverManager.getDrivers())) {
            if (!loadedFor(plugin, driver.getClass())) {
                continue;
            }
            try {
                DriverManager.deregisterDriver(driver);
                logger.fine("Deregistered JDBC driver " + driver.getClass().getName());
            } catch (SQLException | SecurityException e) {
                logger.log(Level.FINE, "could not deregister JDBC driver " + driver.getClass().getName(), e);
            }
        }
    }

    static boolean loadedFor(ClassLoader plugin, Class<?> driverClass) {
        ClassLoader definedBy = driverClass.getClassLoader();
        if (definedBy == null) {
            return false;
        }
        for (ClassLoader shared = plugin.getParent(); shared != null; shared = shared.getParent()) {
            if (definedBy == shared) {
                return false;
            }
        }
        try {
            return Class.forName(driverClass.getName(), false, plugin) == driverClass;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
