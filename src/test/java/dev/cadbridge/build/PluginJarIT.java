package dev.cadbridge.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Checks the jar a server owner downloads. Runs in the verify phase (failsafe), after package;
 * run from an IDE without the jar it is skipped with a message.
 */
class PluginJarIT {
    private static final long SIX_MEGABYTES = 6L * 1024 * 1024;
    private static Path jar;
    private static List<String> entries;

    @BeforeAll
    static void open() throws IOException {
        String location = System.getProperty("cadbridge.jar");
        Assumptions.assumeTrue(location != null, "SKIPPED: run through './mvnw verify' so the jar is built first");
        jar = Path.of(location);
        assertThat(jar).as("the build should have produced the plugin jar").isRegularFile();
        try (JarFile file = new JarFile(jar.toFile())) {
            entries = Collections.list(file.entries()).stream().map(JarEntry::getName).toList();
        }
    }

    private static String read(String entry) throws IOException {
        try (JarFile file = new JarFile(jar.toFile()); InputStream in = file.getInputStream(file.getEntry(entry))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void isUnderSixMegabytes() throws IOException {
        assertThat(Files.size(jar)).isLessThan(SIX_MEGABYTES);
    }

    @Test
    void containsNothingPaperAlreadyShipsAndNoStub() {
        assertThat(entries).noneMatch(name -> name.startsWith("org/bukkit/") || name.startsWith("io/papermc/")
                || name.startsWith("com/destroystokyo/") || name.startsWith("net/kyori/") || name.startsWith("com/google/gson/"));
    }

    @Test
    void bundledLibrariesAreRelocatedAndJdbcDriversAreLeftToPaper() {
        assertThat(entries).anyMatch(name -> name.startsWith("dev/cadbridge/lib/okhttp3/"));
        assertThat(entries).anyMatch(name -> name.startsWith("dev/cadbridge/lib/signalr/"));
        // bStats refuses to run unrelocated, and two plugins' copies must not meet in one package.
        assertThat(entries).contains("dev/cadbridge/lib/bstats/bukkit/Metrics.class", "dev/cadbridge/lib/bstats/MetricsBase.class");
        assertThat(entries).noneMatch(name -> name.startsWith("okhttp3/") || name.startsWith("okio/")
                || name.startsWith("kotlin/") || name.startsWith("com/zaxxer/") || name.startsWith("org/bstats/")
                || name.startsWith("com/microsoft/"));
        assertThat(entries).noneMatch(name -> name.startsWith("org/h2/") || name.startsWith("org/mariadb/")
                || name.startsWith("org/postgresql/") || name.startsWith("io/reactivex/"));
    }

    @Test
    void pluginYmlNamesTheBuildVersionMainClassAndDriverLibraries() throws IOException {
        String pluginYml = read("plugin.yml");
        assertThat(pluginYml)
                .contains("name: CadBridge")
                .contains("version: '" + System.getProperty("cadbridge.version") + "'")
                .contains("main: dev.cadbridge.paper.CadBridgePlugin")
                .contains("api-version: '1.21'")
                .contains("- com.h2database:h2:")
                .contains("- io.reactivex.rxjava3:rxjava:")
                .doesNotContain("${");
        assertThat(entries).contains("dev/cadbridge/paper/CadBridgePlugin.class", "config.yml");
    }
}
