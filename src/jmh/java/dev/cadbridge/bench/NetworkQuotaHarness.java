package dev.cadbridge.bench;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.cadbridge.core.CadConnections;
import dev.cadbridge.core.PluginStorage;
import dev.cadbridge.outbound.SonoranDispatcher;
import dev.cadbridge.sandbox.SandboxEvent;
import dev.cadbridge.sandbox.SandboxRequest;
import dev.cadbridge.sandbox.SonoranSandbox;
import dev.cadbridge.sonoran.CadOperation;
import dev.cadbridge.sonoran.CadResult;
import dev.cadbridge.sonoran.Emergency911;
import dev.cadbridge.sonoran.KickUnit;
import dev.cadbridge.sonoran.OperationType;
import dev.cadbridge.sonoran.SetUnitPanic;
import dev.cadbridge.sonoran.SetUnitStatus;
import dev.cadbridge.storage.Storage;
import dev.cadbridge.testing.Harness;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The network figures of docs/PERFORMANCE.md, in real time: four plugin cores on one real database
 * and one API key, against the sandbox enforcing the documented per-key v2 limits (429 beyond them).
 * Two variants run side by side, each with its own sandbox and tables: network mode off (four
 * independent dispatchers, each pacing itself to the documented limit) and network mode on (one
 * elected sender for all four). Two scenarios:
 * <ul>
 *   <li><b>kick</b> (4b): 1,000 AFK kicks for distinct units arriving evenly over 60 seconds, spread
 *       round-robin over the four (kick: 20 requests in any 60-second window).</li>
 *   <li><b>roleplay</b> (4c): a roleplay burst within 10 seconds, spread round-robin over the four:
 *       160 unit status changes (statuses 1 to 3), 40 panics, each for a distinct unit logged in to
 *       the CAD, and 12 911 calls with distinct descriptions (status 30, panic 20, 911 10 requests in
 *       any 60-second window).</li>
 * </ul>
 * Arguments: {@code [mariadb|postgresql] [runs=1] [kick|roleplay|both]} (kick when left out); the
 * database comes from the CADBRIDGE_TEST_MARIADB_* / CADBRIDGE_TEST_PG_* variables of the test suite.
 */
public final class NetworkQuotaHarness {
    private static final int KICKS = 1_000;
    private static final int SERVERS = 4;
    private static final Duration ARRIVAL_SPAN = Duration.ofSeconds(60);
    private static final Duration CAP = Duration.ofMinutes(5);
    private static final int STATUS_CHANGES = 160;
    private static final int PANICS = 40;
    private static final int CALLS_911 = 12;
    private static final Duration BURST_SPAN = Duration.ofSeconds(10);

    record Outcome(String variant, int delivered, int expired, int otherResults, int requests, long rateLimited,
                   int distinctUnitsKicked, int kicksApplied, double firstArrivalToLastDeliverySeconds, boolean finished) {}

    /**
     * One route of the roleplay burst. {@code deliveredOnce}: units (911: descriptions) that reached the
     * CAD in exactly one accepted request; {@code deliveredMoreThanOnce}: in more than one.
     */
    record RouteOutcome(String route, int total, int deliveredOnce, int deliveredMoreThanOnce, int answeredDelivered,
                        int answeredOtherwise, int requests, int rateLimited, double lastDeliverySeconds,
                        double medianWaitSeconds, double maxWaitSeconds) {
        @Override
        public String toString() {
            return route + ": delivered " + deliveredOnce + " of " + total + " once (" + deliveredMoreThanOnce
                    + " more than once), answered delivered " + answeredDelivered + " (otherwise " + answeredOtherwise
                    + "), " + requests + " requests, " + rateLimited + " x 429, last delivery "
                    + BenchSupport.format(lastDeliverySeconds) + " s after the first submission; each item's submission to its delivery: median "
                    + BenchSupport.format(medianWaitSeconds) + " s, max " + BenchSupport.format(maxWaitSeconds) + " s";
        }
    }

    record RoleplayOutcome(String variant, List<RouteOutcome> routes, long rateLimited, int violations,
                           double firstSubmissionToLastDeliverySeconds, double submissionSeconds, boolean finished) {
        @Override
        public String toString() {
            return "roleplay " + variant + ": " + rateLimited + " x 429, " + violations + " violations, first submission to last delivery "
                    + BenchSupport.format(firstSubmissionToLastDeliverySeconds) + " s (submitted over "
                    + BenchSupport.format(submissionSeconds) + " s), finished " + finished
                    + routes.stream().map(route -> "\n    " + route).collect(Collectors.joining());
        }
    }

    public static void main(String[] args) throws Exception {
        String type = args.length > 0 ? args[0] : "mariadb";
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        String scenario = args.length > 2 ? args[2] : "kick";
        if (!List.of("kick", "roleplay", "both").contains(scenario)) {
            throw new IllegalArgumentException("scenario must be kick, roleplay or both, not " + scenario);
        }
        BenchSupport.printMachine();
        System.out.println("load average before: " + loadAverage());
        try (ExecutorService variants = Executors.newFixedThreadPool(2)) {
            for (int run = 1; run <= runs; run++) {
                if (!scenario.equals("roleplay")) {
                    CompletableFuture<Outcome> off = CompletableFuture.supplyAsync(() -> onFourServers(type, false, NetworkQuotaHarness::kicks), variants);
                    CompletableFuture<Outcome> on = CompletableFuture.supplyAsync(() -> onFourServers(type, true, NetworkQuotaHarness::kicks), variants);
                    System.out.println("run " + run + ": " + off.get());
                    System.out.println("run " + run + ": " + on.get());
                }
                if (!scenario.equals("kick")) {
                    CompletableFuture<RoleplayOutcome> off = CompletableFuture.supplyAsync(() -> onFourServers(type, false, NetworkQuotaHarness::roleplayBurst), variants);
                    CompletableFuture<RoleplayOutcome> on = CompletableFuture.supplyAsync(() -> onFourServers(type, true, NetworkQuotaHarness::roleplayBurst), variants);
                    System.out.println("run " + run + ": " + off.get());
                    System.out.println("run " + run + ": " + on.get());
                }
            }
        }
        System.out.println("load average after: " + loadAverage());
        System.exit(0);
    }

    /** Starts four cores on their own sandbox and tables, waits for the election when the network is on, runs {@code scenario}. */
    private static <T> T onFourServers(String type, boolean network, BiFunction<String, List<Harness>, Function<SonoranSandbox, T>> scenario) {
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
            return scenario.apply(variant, cores).apply(cad);
        } finally {
            cores.reversed().forEach(core -> core.core.disable());
            dropTables(type, prefix);
        }
    }

    private static Function<SonoranSandbox, Outcome> kicks(String variant, List<Harness> cores) {
        return cad -> {
            List<String> units = BenchSupport.unitIds(KICKS);
            List<CompletableFuture<CadResult>> futures = new ArrayList<>(KICKS);
            long start = System.nanoTime();
            Instant firstArrival = Instant.now();
            long spacing = ARRIVAL_SPAN.toNanos() / KICKS;
            for (int i = 0; i < KICKS; i++) {
                parkUntil(start + i * spacing);
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
        };
    }

    /** One roleplay press: what is submitted, the route it counts for, and its unit (911: its description). */
    private record Press(OperationType route, CadOperation operation, String key, double position) {}

    private static Function<SonoranSandbox, RoleplayOutcome> roleplayBurst(String variant, List<Harness> cores) {
        return cad -> {
            List<String> units = BenchSupport.unitIds(STATUS_CHANGES + PANICS);
            List<Press> presses = new ArrayList<>();
            // Each route spread evenly over the burst, interleaved as players press them.
            for (int i = 0; i < STATUS_CHANGES; i++) {
                cad.logIn(units.get(i));
                presses.add(new Press(OperationType.UNIT_STATUS, new SetUnitStatus(List.of(units.get(i)), 1 + i % 3), units.get(i), (i + 0.5) / STATUS_CHANGES));
            }
            for (int i = 0; i < PANICS; i++) {
                String unit = units.get(STATUS_CHANGES + i);
                cad.logIn(unit);
                presses.add(new Press(OperationType.UNIT_PANIC, new SetUnitPanic(List.of(unit), true), unit, (i + 0.5) / PANICS));
            }
            for (int i = 0; i < CALLS_911; i++) {
                String description = "roleplay 911 number " + i;
                presses.add(new Press(OperationType.EMERGENCY_911,
                        new Emergency911("Caller " + i, "Spawn", description, Map.of()), description, (i + 0.5) / CALLS_911));
            }
            presses.sort(Comparator.comparingDouble(Press::position));
            Map<OperationType, List<CompletableFuture<CadResult>>> futures = new EnumMap<>(OperationType.class);
            long spacing = BURST_SPAN.toNanos() / presses.size();
            long start = System.nanoTime();
            Instant firstSubmission = Instant.now();
            Map<String, Instant> submitted = new HashMap<>();
            for (int i = 0; i < presses.size(); i++) {
                parkUntil(start + i * spacing);
                Press press = presses.get(i);
                submitted.put(press.key(), Instant.now());
                futures.computeIfAbsent(press.route(), route -> new ArrayList<>())
                        .add(cores.get(i % SERVERS).core.dispatcher().submit(press.operation()));
            }
            double submissionSeconds = (System.nanoTime() - start) / 1e9;
            boolean finished = awaitAll(futures.values().stream().flatMap(List::stream).toList(), start + CAP.toNanos());

            List<RouteOutcome> routes = new ArrayList<>();
            Instant lastDelivery = firstSubmission;
            for (OperationType route : List.of(OperationType.UNIT_STATUS, OperationType.UNIT_PANIC, OperationType.EMERGENCY_911)) {
                List<SandboxRequest> requests = cad.requestsTo(route);
                List<SandboxRequest> accepted = requests.stream().filter(request -> request.status() / 100 == 2).toList();
                // Units named in accepted requests (911: descriptions), counted by how often each arrived.
                Map<String, Long> arrivals = new HashMap<>();
                List<Double> waits = new ArrayList<>();
                for (SandboxRequest request : accepted) {
                    List<String> keys = route == OperationType.EMERGENCY_911
                            ? List.of(request.json().getAsJsonObject().get("description").getAsString())
                            : namedUnits(request.json().getAsJsonObject());
                    for (String key : keys) {
                        if (arrivals.merge(key, 1L, Long::sum) == 1) {
                            waits.add(Duration.between(submitted.get(key), request.time()).toMillis() / 1000.0);
                        }
                    }
                }
                double[] sortedWaits = waits.stream().mapToDouble(Double::doubleValue).sorted().toArray();
                Instant routeLast = accepted.isEmpty() ? firstSubmission : accepted.getLast().time();
                if (routeLast.isAfter(lastDelivery)) {
                    lastDelivery = routeLast;
                }
                List<CompletableFuture<CadResult>> asked = futures.get(route);
                int answeredDelivered = (int) asked.stream().filter(future -> future.getNow(null) instanceof CadResult.Delivered).count();
                int answeredOtherwise = (int) asked.stream().filter(future -> future.isDone() && !(future.getNow(null) instanceof CadResult.Delivered)).count();
                routes.add(new RouteOutcome(route.name(), asked.size(),
                        (int) arrivals.values().stream().filter(times -> times == 1).count(),
                        (int) arrivals.values().stream().filter(times -> times > 1).count(),
                        answeredDelivered, answeredOtherwise, requests.size(),
                        (int) requests.stream().filter(request -> request.status() == 429).count(),
                        Duration.between(firstSubmission, routeLast).toMillis() / 1000.0,
                        sortedWaits.length == 0 ? Double.NaN : BenchSupport.median(sortedWaits),
                        sortedWaits.length == 0 ? Double.NaN : sortedWaits[sortedWaits.length - 1]));
            }
            return new RoleplayOutcome(variant, routes, cad.rateLimitedCount(), cad.violations().size(),
                    Duration.between(firstSubmission, lastDelivery).toMillis() / 1000.0, submissionSeconds, finished);
        };
    }

    private static List<String> namedUnits(JsonObject body) {
        List<String> named = new ArrayList<>();
        if (body.has("communityUserId")) {
            named.add(body.get("communityUserId").getAsString());
        }
        if (body.has("communityUserIds")) {
            for (JsonElement unit : body.getAsJsonArray("communityUserIds")) {
                named.add(unit.getAsString());
            }
        }
        return named;
    }

    private static void parkUntil(long dueNanos) {
        for (long wait = dueNanos - System.nanoTime(); wait > 0; wait = dueNanos - System.nanoTime()) {
            LockSupport.parkNanos(wait);
        }
    }

    private static String loadAverage() {
        return BenchSupport.format(ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
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
