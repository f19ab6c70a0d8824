package dev.cadbridge.testing;

import dev.cadbridge.sandbox.MutableClock;
import dev.cadbridge.command.Permissions;
import dev.cadbridge.core.CadBridgeCore;
import dev.cadbridge.core.CadConnectionFactory;
import dev.cadbridge.core.PluginStorage;
import dev.cadbridge.core.StorageFactory;
import dev.cadbridge.identity.IdentityRepository;
import dev.cadbridge.identity.InMemoryIdentityRepository;
import dev.cadbridge.platform.CommandSource;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/** The plugin core on a fake server with a fake CAD, as the paper package would wire it. */
public final class Harness {
    public final MutableClock clock = new MutableClock();
    public final FakePlatform platform = new FakePlatform(clock);
    public final FakeCad cad = new FakeCad(clock);
    public final FakeConsole console = new FakeConsole();
    public final Map<String, String> environment = new HashMap<>();
    public IdentityRepository repository = new InMemoryIdentityRepository();
    public CadConnectionFactory connectionFactory = (sonoran, dispatcher, outbox) -> cad;
    /** Identities in {@link #repository}, no outbox; durability tests put the SQL storage here. */
    public StorageFactory storageFactory = config -> PluginStorage.inMemory(repository);
    public CadBridgeCore core;

    /** A working v2 configuration plus {@code overrides} ("dotted.key", value, ...). */
    public Harness() {
        configure();
    }

    public Harness configure(Object... overrides) {
        // The heartbeat is off unless a test asks for it: most tests count what reached the CAD.
        Map<String, Object> tree = tree("sonoran.api-key", "test-key-0123", "commands.cooldown", "3s",
                "sonoran.heartbeat-interval", "0s");
        for (int i = 0; i < overrides.length; i += 2) {
            put(tree, (String) overrides[i], overrides[i + 1]);
        }
        platform.configFile(tree);
        return this;
    }

    public static Map<String, Object> tree(Object... dottedKeysAndValues) {
        Map<String, Object> root = new LinkedHashMap<>();
        for (int i = 0; i < dottedKeysAndValues.length; i += 2) {
            put(root, (String) dottedKeysAndValues[i], dottedKeysAndValues[i + 1]);
        }
        return root;
    }

    @SuppressWarnings("unchecked")
    private static void put(Map<String, Object> root, String dottedKey, Object value) {
        String[] parts = dottedKey.split("\\.");
        Map<String, Object> current = root;
        for (int i = 0; i < parts.length - 1; i++) {
            current = (Map<String, Object>) current.computeIfAbsent(parts[i], key -> new LinkedHashMap<String, Object>());
        }
        if (value == null) {
            current.remove(parts[parts.length - 1]);
        } else {
            current.put(parts[parts.length - 1], value);
        }
    }

    public Harness start() {
        core = new CadBridgeCore(platform, connectionFactory, storageFactory, clock, environment::get);
        core.enable();
        platform.runMainTasks();
        return this;
    }

    /** A player with the default player permissions (the cadbridge.use tree). */
    public FakePlayer player(String name) {
        return new FakePlayer(name).grant(Permissions.USE_ATTACH, Permissions.USE_DETACH, Permissions.USE_LINK, Permissions.USE_HELP,
                Permissions.USE_911, Permissions.USE_311, Permissions.USE_PANIC, Permissions.USE_UNIT);
    }

    /** A player with every staff and admin permission, as an op has. */
    public FakePlayer staff(String name) {
        return player(name).grant(Permissions.STAFF_ATTACH, Permissions.STAFF_DETACH, Permissions.STAFF_KICK,
                Permissions.STAFF_DISPATCH, Permissions.STAFF_CLOSE, Permissions.STAFF_LINK, Permissions.STAFF_UNLINK,
                Permissions.STAFF_WHOIS, Permissions.STAFF_PANIC, Permissions.STAFF_UNIT,
                Permissions.STAFF_CALLS, Permissions.STAFF_UNITS, Permissions.STAFF_NOTE, Permissions.STAFF_911_REMOVE, Permissions.ADMIN_STATUS, Permissions.ADMIN_RELOAD, Permissions.ADMIN_DOCTOR, Permissions.LINK_OWN_API_ID);
    }

    public FakePlayer join(FakePlayer player) {
        platform.join(player);
        core.playerJoined(player);
        platform.runMainTasks();
        return player;
    }

    public void quit(FakePlayer player) {
        platform.leave(player);
        core.playerLeft(player);
        platform.runMainTasks();
    }

    /** Runs {@code /cad <line>} as the server would hand it over (split on spaces), then lets main-thread work run. */
    public void run(CommandSource sender, String line) {
        core.command().execute(sender, line.isEmpty() ? new String[0] : line.split(" ", -1));
        platform.runMainTasks();
    }

    public java.util.List<String> complete(CommandSource sender, String line) {
        return core.command().complete(sender, line.split(" ", -1));
    }
}
