package dev.cadbridge.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A plugin's JDBC drivers must leave {@link java.sql.DriverManager} when its storage closes:
 * a registered driver keeps its class loader, and with it the disabled plugin, alive after every
 * reload. Drivers the plugin shares with the server are not its to remove.
 */
class JdbcDriverReleaseTest {
    @TempDir
    Path dataFolder;

    private static final Predicate<String> DRIVER_JAR = path -> {
        String name = new File(path).getName();
        return name.startsWith("h2-") || name.startsWith("mariadb-java-client-") || name.startsWith("postgresql-");
    };

    private static URL[] classPath(Predicate<String> which) {
        List<URL> urls = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (which.test(entry)) {
                try {
                    urls.add(new File(entry).toURI().toURL());
                } catch (MalformedURLException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return urls.toArray(URL[]::new);
    }

    @SuppressWarnings("unchecked")
    private List<List<String>> runIn(ClassLoader plugin) throws Exception {
        Class<?> run = Class.forName(IsolatedPluginRun.class.getName(), true, plugin);
        return (List<List<String>>) run.getMethod("startAndClose", String.class).invoke(null, dataFolder.toString());
    }

    @Test
    void driversLoadedByThePluginsClassLoaderAreDeregisteredWhenStorageCloses() throws Exception {
        try (URLClassLoader plugin = new URLClassLoader("plugin", classPath(entry -> true), ClassLoader.getPlatformClassLoader())) {
            List<List<String>> seen = runIn(plugin);
            assertThat(seen.get(0)).as("while running").contains("org.h2.Driver from plugin");
            assertThat(seen.get(1)).as("after close").noneMatch(driver -> driver.endsWith("from plugin"));
        }
    }

    /** Paper's layout: plugin.yml {@code libraries:} are loaded by a separate loader the plugin's loader asks last. */
    @Test
    void driversFromThePluginsLibraryLoaderAreDeregisteredToo() throws Exception {
        try (URLClassLoader libraries = new URLClassLoader("plugin-libraries", classPath(DRIVER_JAR), ClassLoader.getPlatformClassLoader());
             URLClassLoader plugin = new PaperStylePluginLoader(classPath(DRIVER_JAR.negate()), libraries)) {
            List<List<String>> seen = runIn(plugin);
            assertThat(seen.get(0)).as("while running").contains("org.h2.Driver from plugin-libraries");
            assertThat(seen.get(1)).as("after close").noneMatch(driver -> driver.contains("from plugin"));
        }
    }

    @Test
    void aDriverTheServerSharesWithEveryPluginStaysRegistered() throws Exception {
        try (URLClassLoader server = new URLClassLoader("server", classPath(DRIVER_JAR), ClassLoader.getPlatformClassLoader());
             URLClassLoader plugin = new URLClassLoader("plugin", classPath(DRIVER_JAR.negate()), server)) {
            List<List<String>> seen = runIn(plugin);
            assertThat(seen.get(0)).as("while running").contains("org.h2.Driver from server");
            assertThat(seen.get(1)).as("after close").contains("org.h2.Driver from server");
        }
    }

    private static final class PaperStylePluginLoader extends URLClassLoader {
        private final ClassLoader libraries;

        PaperStylePluginLoader(URL[] urls, ClassLoader libraries) {
            super("plugin", urls, ClassLoader.getPlatformClassLoader());
            this.libraries = libraries;
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            try {
                return super.loadClass(name, resolve);
            } catch (ClassNotFoundException notInPlugin) {
                return libraries.loadClass(name);
            }
        }
    }

}
