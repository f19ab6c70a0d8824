package dev.cadbridge.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Only dev.cadbridge.paper may touch the server API (and bStats' Bukkit class, which needs it), so
 * everything else can be tested without a server.
 */
class BukkitImportBoundaryTest {

    private static final Path MAIN_SOURCES = Path.of("src/main/java");
    private static final Path PAPER_PACKAGE = MAIN_SOURCES.resolve("dev/cadbridge/paper");
    /** Matches imports and fully-qualified uses alike, e.g. {@code org.bukkit.entity.Player p}. */
    static final Pattern SERVER_API = Pattern.compile("\\b(org\\.bukkit|io\\.papermc|com\\.destroystokyo|org\\.bstats\\.bukkit)\\.");

    @Test
    void onlyThePaperPackageUsesTheServerApi() throws IOException {
        List<String> offenders = new ArrayList<>();
        try (Stream<Path> files = Files.walk(MAIN_SOURCES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                if (file.startsWith(PAPER_PACKAGE)) {
                    continue;
                }
                List<String> lines = Files.readAllLines(file);
                for (int i = 0; i < lines.size(); i++) {
                    if (SERVER_API.matcher(lines.get(i)).find()) {
                        offenders.add(file + ":" + (i + 1) + ": " + lines.get(i).strip());
                    }
                }
            }
        }
        assertThat(offenders).as("server API used outside dev.cadbridge.paper").isEmpty();
    }

    @Test
    void theCheckRecognisesImportsAndQualifiedNames() {
        assertThat(SERVER_API.matcher("import org.bukkit.entity.Player;").find()).isTrue();
        assertThat(SERVER_API.matcher("var e = (io.papermc.paper.event.player.AsyncChatEvent) x;").find()).isTrue();
        assertThat(SERVER_API.matcher("import com.destroystokyo.paper.Foo;").find()).isTrue();
        assertThat(SERVER_API.matcher("import org.bstats.bukkit.Metrics;").find()).as("bStats' Bukkit class").isTrue();
        assertThat(SERVER_API.matcher("import net.kyori.adventure.text.Component;").find()).isFalse();
    }

    @Test
    void thePaperPackageExists() {
        assertThat(PAPER_PACKAGE).isDirectory();
    }
}
