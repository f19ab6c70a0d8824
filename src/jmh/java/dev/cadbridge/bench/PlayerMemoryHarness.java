package dev.cadbridge.bench;

import dev.cadbridge.afk.AfkService;
import dev.cadbridge.afk.AfkTracker;
import dev.cadbridge.config.AfkSettings;
import dev.cadbridge.identity.CadIdentity;
import dev.cadbridge.identity.IdentityService;
import dev.cadbridge.identity.IdentitySettings;
import dev.cadbridge.identity.IdentitySource;
import dev.cadbridge.identity.InMemoryIdentityRepository;
import dev.cadbridge.identity.LinkState;
import dev.cadbridge.config.Messages;
import dev.cadbridge.platform.BlockPosition;
import dev.cadbridge.platform.DebugLog;
import dev.cadbridge.platform.PlatformPlayer;
import dev.cadbridge.sonoran.ApiGeneration;
import dev.cadbridge.testing.FakePlatform;
import dev.cadbridge.sandbox.MutableClock;
import java.time.Duration;
import java.util.Optional;
import net.kyori.adventure.text.Component;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.ref.Reference;
import java.time.Clock;
import java.util.UUID;

/**
 * Figure 6: heap the plugin keeps per online player, as the difference in live heap (after full
 * GCs) before and after 100,000 players join the AFK timer ({@code AfkService}: its player table,
 * the tracker's state, and the small player wrapper the platform hands it) and the identity cache.
 * The players' UUIDs and names exist before the first reading: on a server they belong to Paper's
 * player objects, so only what CadBridge adds is counted (map entries, table slots, per-player state).
 * Beside it, the extra for a player whose identity is stored (linked): the cache keeps only the
 * stored CAD id, a string of its own as a storage load creates it.
 * Arguments: {@code [runs=5] [players=100000]}.
 */
public final class PlayerMemoryHarness {
    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

    public static void main(String[] args) {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        int players = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        BenchSupport.printMachine();
        System.out.println("max heap " + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MiB, GC "
                + ManagementFactory.getGarbageCollectorMXBeans().stream().map(b -> b.getName()).toList());
        double[] perPlayer = new double[runs];
        double[] storedIdentity = new double[runs];
        for (int run = 0; run < runs; run++) {
            perPlayer[run] = onlineState(players);
            storedIdentity[run] = storedIdentity(players);
            System.out.println("run " + (run + 1) + ": identity + AFK state " + BenchSupport.format(perPlayer[run])
                    + " bytes/player; stored identity adds " + BenchSupport.format(storedIdentity[run]) + " bytes/player");
        }
        System.out.println();
        System.out.println("median of " + runs + " runs over " + players + " players: identity + AFK state "
                + BenchSupport.format(BenchSupport.median(perPlayer)) + " bytes/player (" + BenchSupport.format(min(perPlayer))
                + ".." + BenchSupport.format(max(perPlayer)) + "); a stored (linked) identity adds "
                + BenchSupport.format(BenchSupport.median(storedIdentity)) + " bytes/player (" + BenchSupport.format(min(storedIdentity))
                + ".." + BenchSupport.format(max(storedIdentity)) + ")");
    }

    private static double onlineState(int count) {
        Clock clock = Clock.systemUTC();
        UUID[] ids = new UUID[count];
        String[] names = new String[count];
        for (int i = 0; i < count; i++) {
            ids[i] = UUID.randomUUID();
            names[i] = "Player" + i;
        }
        AfkTracker tracker = new AfkTracker(AfkSettings.defaults(), clock);
        IdentityService identities = new IdentityService(new InMemoryIdentityRepository(),
                IdentitySettings.defaults(ApiGeneration.V2), clock);
        AfkService afk = new AfkService(new FakePlatform(new MutableClock()), tracker, identities,
                () -> {
                    throw new IllegalStateException("nothing is sent in this harness");
                },
                () -> true, Messages::defaults, new DebugLog(BenchSupport.quietLogger("CadBridge-bench-memory")));
        long before = liveHeap();
        for (int i = 0; i < count; i++) {
            identities.playerJoined(ids[i], names[i]).join();
            afk.playerJoined(new WrappedPlayer(ids[i], names[i]));
        }
        long after = liveHeap();
        Reference.reachabilityFence(ids);
        Reference.reachabilityFence(names);
        Reference.reachabilityFence(afk);
        Reference.reachabilityFence(identities);
        return (double) (after - before) / count;
    }

    private static double storedIdentity(int count) {
        UUID[] ids = new UUID[count];
        for (int i = 0; i < count; i++) {
            ids[i] = UUID.randomUUID();
        }
        String[] loaded = new String[count];
        long before = liveHeap();
        for (int i = 0; i < count; i++) {
            CadIdentity stored = new CadIdentity(ids[i], new String(ids[i].toString()), IdentitySource.SELF_LINKED,
                    LinkState.LINKED, null, null, null);
            loaded[i] = stored.cadId();
        }
        long after = liveHeap();
        Reference.reachabilityFence(ids);
        Reference.reachabilityFence(loaded);
        // the array of references is the harness's, not the plugin's (Session.storedCadId is a field it already has)
        return (double) (after - before - arrayBytes(count)) / count;
    }

    /** A reference array's size with compressed oops: 16-byte header plus 4 bytes per slot, 8-aligned. */
    private static long arrayBytes(int length) {
        return (16 + 4L * length + 7) / 8 * 8;
    }

    private static long liveHeap() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return MEMORY.getHeapMemoryUsage().getUsed();
    }

    private static double min(double[] values) {
        return java.util.Arrays.stream(values).min().orElse(Double.NaN);
    }

    private static double max(double[] values) {
        return java.util.Arrays.stream(values).max().orElse(Double.NaN);
    }

    /** Stands in for the platform's player wrapper (on Paper: two references, the Bukkit player and the platform). */
    private record WrappedPlayer(UUID uniqueId, String name) implements PlatformPlayer {
        @Override
        public BlockPosition blockPosition() {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<Duration> idleDuration() {
            return Optional.empty();
        }

        @Override
        public boolean hasPermission(String permission) {
            return false;
        }

        @Override
        public void sendMessage(Component message) {
        }
    }
}
