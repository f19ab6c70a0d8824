package dev.cadbridge.bench;

import dev.cadbridge.afk.AfkSettings;
import dev.cadbridge.afk.AfkTracker;
import dev.cadbridge.identity.CadIdentity;
import dev.cadbridge.identity.IdentityService;
import dev.cadbridge.identity.IdentitySettings;
import dev.cadbridge.identity.IdentitySource;
import dev.cadbridge.identity.InMemoryIdentityRepository;
import dev.cadbridge.identity.LinkState;
import dev.cadbridge.sonoran.ApiGeneration;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.ref.Reference;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

/**
 * Figure 6: heap the plugin keeps per online player, as the difference in live heap (after full
 * GCs) before and after 100,000 players join the AFK tracker and the identity cache. The players'
 * UUIDs and names exist before the first reading: on a server they belong to Paper's player
 * objects, so only what CadBridge adds is counted (map entries, table slots, per-player state).
 * Beside it, the extra for a player whose identity is stored (linked): one {@link CadIdentity} as a
 * storage load creates it, with its own strings and instants.
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
        long before = liveHeap();
        for (int i = 0; i < count; i++) {
            identities.playerJoined(ids[i], names[i]).join();
            tracker.track(ids[i], false);
        }
        long after = liveHeap();
        Reference.reachabilityFence(ids);
        Reference.reachabilityFence(names);
        Reference.reachabilityFence(tracker);
        Reference.reachabilityFence(identities);
        return (double) (after - before) / count;
    }

    private static double storedIdentity(int count) {
        UUID[] ids = new UUID[count];
        for (int i = 0; i < count; i++) {
            ids[i] = UUID.randomUUID();
        }
        CadIdentity[] loaded = new CadIdentity[count];
        Instant now = Instant.now();
        long before = liveHeap();
        for (int i = 0; i < count; i++) {
            loaded[i] = new CadIdentity(ids[i], ids[i].toString(), IdentitySource.SELF_LINKED, LinkState.LINKED,
                    UUID.randomUUID().toString(), now.plusMillis(i), now.plusMillis(i + 1));
        }
        long after = liveHeap();
        Reference.reachabilityFence(ids);
        Reference.reachabilityFence(loaded);
        // the array of references is the harness's, not the plugin's (Session.stored is a field it already has)
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
}
