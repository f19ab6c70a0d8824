package dev.cadbridge.paper;

import static org.awaitility.Awaitility.await;

import dev.cadbridge.sandbox.SonoranSandbox;
import dev.cadbridge.sonoran.ApiGeneration;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.bukkit.configuration.file.YamlConfiguration;
import org.bukkit.permissions.Permission;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mockbukkit.mockbukkit.MockBukkit;
import org.mockbukkit.mockbukkit.plugin.PluginManagerMock;

/**
 * A MockBukkit server with CadBridge loaded the way Paper loads it (its plugin.yml, the permissions
 * it declares, config.yml in its data folder, enabled by the plugin manager), talking over loopback
 * to the sandbox CAD. Time moves only with the server's ticks ({@link TickClock}); answers from the
 * CAD arrive on real threads, so waits tick the server until they come (Awaitility).
 */
@ExtendWith(UnimplementedFails.class)
abstract class PaperServerTest {
    /** Paper names a plugin's logger after the plugin and reuses a registered one: held here so records can be read. */
    static final Logger PLUGIN_LOGGER = Logger.getLogger("CadBridge");

    /** The suite's config.yml on top of the shipped one: no cooldown, client-side rate limits lifted, a 2-minute AFK timer, a short drain at disable. */
    private static final Map<String, Object> SUITE_SETTINGS = suiteSettings();

    protected StoppableServer server;
    protected TickClock clock;
    protected SonoranSandbox cad;
    protected CadBridgePlugin plugin;
    protected final List<LogRecord> log = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            log.add(record);
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };

    private static Map<String, Object> suiteSettings() {
        Map<String, Object> settings = new HashMap<>();
        settings.put("commands.cooldown", "0s");
        settings.put("afk.timeout", "2m");
        settings.put("afk.warn-before", "30s");
        settings.put("link.poll-interval", "3s");
        // The live session needs a hub on the sandbox; LiveEventsTest turns it on with one.
        settings.put("live.enabled", false);
        // A credential check paced by its own bucket may still wait at disable; loopback needs far less than 5s to drain.
        settings.put("dispatcher.shutdown-timeout", "1s");
        for (String op : List.of("attach", "detach", "kick", "new-dispatch", "close", "v1")) {
            settings.put("dispatcher.rate-limits." + op + ".per-minute", 6000);
            settings.put("dispatcher.rate-limits." + op + ".burst", 50);
        }
        return settings;
    }

    @BeforeEach
    void startServer() {
        server = MockBukkit.mock(new StoppableServer());
        clock = new TickClock(server, Instant.parse("2026-03-01T12:00:00Z"));
        cad = new SonoranSandbox(clock).start();
        // The plugin's own pacing is what is under test elsewhere; here a frozen clock between ticks must not read as a burst.
        cad.setRateLimitsEnabled(false);
        PLUGIN_LOGGER.addHandler(capture);
    }

    @AfterEach
    void stopServer() {
        try {
            if (MockBukkit.isMocked()) {
                MockBukkit.unmock();
            }
        } finally {
            PLUGIN_LOGGER.removeHandler(capture);
            cad.close();
        }
    }

    /** CadBridge on v2 with the suite's settings, overridden by {@code settings} (key, value, key, value...). */
    protected CadBridgePlugin start(Object... settings) {
        return start(ApiGeneration.V2, settings);
    }

    protected CadBridgePlugin start(ApiGeneration generation, Object... settings) {
        Map<String, Object> config = new HashMap<>(SUITE_SETTINGS);
        config.put("sonoran.api-generation", generation.name().toLowerCase(Locale.ROOT));
        config.put("sonoran.base-url", cad.baseUrl());
        config.put("sonoran.api-key", SonoranSandbox.DEFAULT_API_KEY);
        config.put("sonoran.community-id", SonoranSandbox.DEFAULT_COMMUNITY_ID);
        for (int i = 0; i < settings.length; i += 2) {
            config.put((String) settings[i], settings[i + 1]);
        }
        return load(config);
    }

    /** Paper's order: the class from plugin.yml's main, the declared permissions, then enable with config.yml already there. */
    protected CadBridgePlugin load(Map<String, Object> config) {
        PluginManagerMock plugins = server.getPluginManager();
        CadBridgePlugin loaded = (CadBridgePlugin) plugins.loadPlugin(CadBridgePlugin.class, new Object[] {clock});
        File dataFolder = loaded.getDataFolder();
        // MockBukkit reuses one data folder per plugin name and version: start from an empty one.
        deleteContents(dataFolder.toPath());
        writeConfig(dataFolder, config);
        List<Permission> undeclared = loaded.getDescription().getPermissions().stream()
                .filter(permission -> plugins.getPermission(permission.getName()) == null)
                .toList();
        plugins.addPermissions(undeclared);
        plugins.enablePlugin(loaded);
        plugin = loaded;
        return loaded;
    }

    /** The shipped config.yml with {@code settings} applied, written where the plugin reads it. */
    protected void writeConfig(File dataFolder, Map<String, Object> settings) {
        YamlConfiguration yaml = YamlConfiguration.loadConfiguration(new File("config.yml"));
        settings.forEach(yaml::set);
        try {
            dataFolder.mkdirs();
            yaml.save(new File(dataFolder, "config.yml"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    protected void editConfig(Object... settings) {
        File file = new File(plugin.getDataFolder(), "config.yml");
        YamlConfiguration yaml = YamlConfiguration.loadConfiguration(file);
        for (int i = 0; i < settings.length; i += 2) {
            yaml.set((String) settings[i], settings[i + 1]);
        }
        try {
            yaml.save(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteContents(Path folder) {
        if (!Files.isDirectory(folder)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            paths.sorted(Comparator.reverseOrder()).filter(path -> !path.equals(folder)).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---- players and senders ----

    protected PaperLikePlayer join(String name) {
        PaperLikePlayer player = new PaperLikePlayer(server, name);
        server.addPlayer(player);
        return player;
    }

    protected PaperLikePlayer joinOp(String name) {
        PaperLikePlayer player = join(name);
        player.setOp(true);
        return player;
    }

    protected static Inbox inbox(PaperLikePlayer player) {
        return new Inbox(player::nextComponentMessage);
    }

    protected Inbox console() {
        return new Inbox(server.getConsoleSender()::nextComponentMessage);
    }

    // ---- time ----

    protected void ticks(long count) {
        server.getScheduler().performTicks(count);
    }

    protected void advance(Duration duration) {
        ticks(duration.toMillis() / TickClock.MILLIS_PER_TICK);
    }

    /** Ticks the server, one tick per poll, until {@code condition} holds (answers from the CAD come on real threads). */
    protected void tickUntil(BooleanSupplier condition) {
        await().atMost(Duration.ofSeconds(20))
                .pollInSameThread()
                .pollInterval(Duration.ofMillis(5))
                .until(() -> {
                    server.getScheduler().performOneTick();
                    return condition.getAsBoolean();
                });
    }

    protected void tickUntilSaid(Inbox inbox, String fragment) {
        tickUntil(() -> inbox.has(fragment));
    }

    // ---- the log ----

    protected List<String> logLines(Level level) {
        return log.stream().filter(record -> record.getLevel().equals(level)).map(LogRecord::getMessage).toList();
    }

    protected String logText() {
        return String.join("\n", log.stream().map(record -> record.getLevel() + " " + record.getMessage()).toList());
    }
}
