package dev.cadbridge.bench;

import dev.cadbridge.core.CadConnections;
import dev.cadbridge.core.PluginStorage;
import dev.cadbridge.outbound.SonoranDispatcher;
import dev.cadbridge.sandbox.SandboxEvent;
import dev.cadbridge.sandbox.SandboxRequest;
import dev.cadbridge.sandbox.SonoranSandbox;
import dev.cadbridge.sonoran.CadResult;
import dev.cadbridge.sonoran.KickUnit;
import dev.cadbridge.sonoran.OperationType;
import dev.cadbridge.storage.Storage;
import dev.cadbridge.testing.Harness;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;

/**
 * The network figure of docs/PERFORMANCE.md, in real time: four plugin cores on one real database
 * and one API key, 1,000 AFK kicks for distinct units arriving evenly over 60 seconds, spread
 * round-robin over the four, against the sandbox enforcing the documented per-key v2 limits (kick:
 * 20 requests in any 60-second window, 429 beyond). Two variants run side by side, each with its
 * own sandbox and tables: network mode off (four independent dispatchers, each pacing itself to the
 * documented limit) and network mode on (one elected sender for all four).
 * Arguments: {@code [mariadb|postgresql] [runs=1]}; the database comes from the
 * CADBRIDGE_TEST_MARIADB_* / CADBRIDGE_TEST_PG_* variables of the test suite.
 */
public final class NetworkQuotaHarness {
    private static final int KICKS = 1_000;
    private static final int SERVERS = 4;
    private static final Duration ARRIVAL_SPAN = Duration.ofSeconds(60);
    private static final Duration CAP = Duration.ofMinutes(5);

    record Outcome(String variant, int delivered, int expired, int otherResults, int requests, long rateLimited,
                   int distinctUnitsKicked, int kicksApplied, double firstArrivalToLastDeliverySeconds, boolean finished) {}

    public static void main(String[] args) throws Exception {
        String type = args.length > 0 ? args[0] : "mariadb";
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        BenchSupport.printMachine();
        try (ExecutorService variants = Executors.newFixedThreadPool(2)) {
            for (int run = 1; run <= runs; run++) {
                CompletableFuture<Outcome> off = CompletableFuture.supplyAsync(() -> runVariant(type, false), variants);
                CompletableFuture<Outcome> on = CompletableFuture.supplyAsync(() -> runVariant(type, true), variants);
                System.out.println("run " + run + ": " + off.get());
                System.out.println("run " + run + ": " + on.get());
            }
        }
        System.exit(0);
    }

    private static Outcome runVariant(String type, boolean network) {
        String variant = network ? "network on" : "network off";
        String prefix = "bench" + UUID.randomUUID().toString().replace("-", "").substring(0, 8) + "_";
        Path folder;
        try {
            folder = Files.createTempDirectory("cadbridge-network-bench");
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        List<Harness> cores = new ArrayList<>();
        try (SonoranSandbox cad = new SonoranSandbox().start()) {
            Instant frozenNow = Instant.now();
            for (int i = 0; i < SERVERS; i++) {
                cores.add(startCore(type, prefix, "bench-" + (char) ('a' + i), network, cad, folder, frozenNow));
            }
            if (network) {
                long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                while (cores.stream().noneMatch(core -> core.core.networkStatus().orElseThrow().thisServerSends())
                        || cores.stream().anyMatch(core -> core.core.networkStatus().orElseThrow().serverNames() < SERVERS)) {
                    if (System.nanoTime() > until) {
                        throw new IllegalStateException("no sender elected");
                    }
                    LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
                }
            }
            List<String> units = BenchSupport.unitIds(KICKS);
            List<CompletableFuture<CadResult>> futures = new ArrayList<>(KICKS);
            long start = System.nanoTime();
            Instant firstArrival = Instant.now();
            long spacing = ARRIVAL_SPAN.toNanos() / KICKS;
            for (int i = 0; i < KICKS; i++) {
                long due = start + i * spacing;
                for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                    LockSupport.parkNanos(wait);
                }
                futures.add(cores.get(i % SERVERS).core.dispatcher().submit(new KickUnit(units.get(i), "Automated AFK Timer")));
            }
            boolean finished = awaitAll(futures, start + CAP.toNanos());
            int delivered = 0;
            int expired = 0;
            int other = 0;
            for (CompletableFuture<CadResult> future : futures) {
                CadResult result = future.getNow(null);
                if (result instanceof CadResult.Delivered) {
                    delivered++;
                } else if (result instanceof CadResult.Expired) {
                    expired++;
                } else if (result != null) {
                    other++;
                }
            }
            List<SandboxRequest> kicks = cad.requestsTo(OperationType.KICK);
            List<SandboxEvent.Kick> kicked = cad.deliveredKicks();
            Instant lastDelivery = kicked.isEmpty() ? firstArrival : kicked.getLast().time();
            return new Outcome(variant, delivered, expired, other, kicks.size(), cad.rateLimitedCount(),
                    new HashSet<>(kicked.stream().map(SandboxEvent.Kick::unitId).toList()).size(), kicked.size(),
                    Duration.between(firstArrival, lastDelivery).toMillis() / 1000.0, finished);
        } finally {
            cores.reversed().forEach(core -> core.core.disable());
            dropTables(type, prefix);
        }
    }

    private static Harness startCore(String type, String prefix, String serverName, boolean network, SonoranSandbox cad,
                                     Path folder, Instant frozenNow) {
        Db db = db(type);
        Harness h = new Harness();
        h.clock.set(frozenNow);
        h.configure(
                "sonoran.base-url", cad.baseUrl(),
                "sonoran.api-key", cad.apiKey(),
                "dispatcher.shutdown-timeout", "0s",
                "network.enabled", String.valueOf(network),
                "storage.type", type,
                "storage.host", db.host(),
                "storage.port", db.port(),
                "storage.database", db.database(),
                "storage.username", db.user(),
                "storage.password", db.password(),
                "storage.table-prefix", prefix,
                "storage.server-name", serverName);
        h.connectionFactory = (sonoran, dispatcherSettings, outbox) -> CadConnections.of(SonoranDispatcher.builder(sonoran)
                .dispatcherSettings(dispatcherSettings).listener(outbox).logger(BenchSupport.quietLogger("bench-" + serverName))
                .threadName("bench-dispatcher-" + serverName).build());
        h.storageFactory = config -> PluginStorage.sql(Storage.start(config, folder, BenchSupport.quietLogger("bench-storage")));
        h.start();
        return h;
    }

    private record Db(String url, String host, int port, String database, String user, String password) {}

    private static Db db(String type) {
        String env = type.startsWith("postgres") ? "CADBRIDGE_TEST_PG" : "CADBRIDGE_TEST_MARIADB";
        String url = System.getenv(env + "_URL");
        if (url == null) {
            throw new IllegalStateException(env + "_URL is not set");
        }
        URI uri = URI.create(url.substring("jdbc:".length()));
        return new Db(url, uri.getHost(), uri.getPort(), uri.getPath().substring(1), System.getenv(env + "_USER"),
                System.getenv().getOrDefault(env + "_PASSWORD", ""));
    }

    private static void dropTables(String type, String prefix) {
        Db db = db(type);
        java.util.Properties credentials = new java.util.Properties();
        credentials.setProperty("user", db.user());
        credentials.setProperty("password", db.password());
        // Through the driver itself: a closed storage deregisters the drivers from DriverManager.
        String driverClass = type.startsWith("postgres") ? "org.postgresql.Driver" : "org.mariadb.jdbc.Driver";
        try (Connection connection = ((java.sql.Driver) Class.forName(driverClass).getDeclaredConstructor().newInstance())
                .connect(db.url(), credentials);
             Statement statement = connection.createStatement()) {
            for (String table : List.of("identities", "outbox", "schema_version", "schema_lock", "network_results", "network_runs")) {
                statement.execute("DROP TABLE IF EXISTS " + prefix + table);
            }
        } catch (Exception e) {
            System.err.println("could not drop the bench tables " + prefix + "*: " + e);
        }
    }

    private static boolean awaitAll(List<CompletableFuture<CadResult>> futures, long deadlineNanos) {
        try {
            CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new))
                    .get(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
