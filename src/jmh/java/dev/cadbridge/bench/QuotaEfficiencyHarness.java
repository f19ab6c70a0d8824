package dev.cadbridge.bench;

import dev.cadbridge.outbound.DispatcherSettings;
import dev.cadbridge.outbound.RateLimit;
import dev.cadbridge.outbound.SonoranDispatcher;
import dev.cadbridge.sandbox.SandboxEvent;
import dev.cadbridge.sandbox.SandboxRequest;
import dev.cadbridge.sandbox.SonoranSandbox;
import dev.cadbridge.sonoran.CadResult;
import dev.cadbridge.sonoran.KickUnit;
import dev.cadbridge.sonoran.OperationType;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;

/**
 * Figure 4, in real time: 1,000 AFK kicks for distinct units arrive evenly over 60 seconds and go
 * through the real dispatcher to the sandbox enforcing the documented v2 limit (kick: 20 requests in
 * any 60-second window, 429 beyond). Two variants run side by side, each with its own sandbox:
 * <ul>
 *   <li><b>batched</b>: the dispatcher as shipped (default settings: batches of up to 50, token bucket
 *       with burst 2 and 18/min);</li>
 *   <li><b>one per request</b>: the same dispatcher and limits with max batch size 1, which is what
 *       one-kick-per-request integrations do. It would take most of an hour, so it is stopped at the
 *       cap and its completion time is extrapolated from the rate it reached (and printed beside the
 *       figure computed from the limit). Its kick deadline is raised to 2 h so nothing expires during
 *       the cap.</li>
 * </ul>
 * Arguments: {@code [runs=3] [naiveCapSeconds=120]}.
 */
public final class QuotaEfficiencyHarness {
    private static final int KICKS = 1_000;
    private static final Duration ARRIVAL_SPAN = Duration.ofSeconds(60);
    private static final String REASON = "Automated AFK Timer";

    record Outcome(String variant, int delivered, int otherResults, int requests, long rateLimited, int violations,
                   int distinctUnitsKicked, double firstToLastRequestSeconds, double firstArrivalToLastDeliverySeconds,
                   boolean finished) {}

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        int naiveCapSeconds = args.length > 1 ? Integer.parseInt(args[1]) : 120;
        BenchSupport.printMachine();
        List<Outcome> batched = new ArrayList<>();
        List<Outcome> naive = new ArrayList<>();
        // own threads: the common pool may have a single worker on a small machine, which would run the variants one after the other
        try (ExecutorService variants = Executors.newFixedThreadPool(2)) {
            for (int run = 1; run <= runs; run++) {
                CompletableFuture<Outcome> batchedRun = CompletableFuture.supplyAsync(
                        () -> runVariant("batched", DispatcherSettings.defaults(), Duration.ofSeconds(240)), variants);
                CompletableFuture<Outcome> naiveRun = CompletableFuture.supplyAsync(
                        () -> runVariant("one-per-request", onePerRequest(), Duration.ofSeconds(naiveCapSeconds)), variants);
                batched.add(batchedRun.get());
                naive.add(naiveRun.get());
                System.out.println("run " + run + ": " + batched.getLast());
                System.out.println("run " + run + ": " + naive.getLast());
            }
        }
        summarize(batched, naive);
    }

    private static DispatcherSettings onePerRequest() {
        DispatcherSettings defaults = DispatcherSettings.defaults();
        Map<OperationType, Duration> deadlines = new EnumMap<>(defaults.deadlines());
        deadlines.put(OperationType.KICK, Duration.ofHours(2));
        return new DispatcherSettings(defaults.queueCapacity(), 1, deadlines, defaults.rateLimits(),
                defaults.v1RateLimit(), defaults.retryBaseDelay(), defaults.retryMaxDelay());
    }

    private static Outcome runVariant(String variant, DispatcherSettings settings, Duration cap) {
        List<String> units = BenchSupport.unitIds(KICKS);
        try (SonoranSandbox cad = new SonoranSandbox().start()) {
            SonoranDispatcher dispatcher = BenchSupport.dispatcher(cad, settings).threadName("bench-" + variant).build();
            List<CompletableFuture<CadResult>> futures = new ArrayList<>(KICKS);
            long start = System.nanoTime();
            Instant firstArrival = Instant.now();
            long spacing = ARRIVAL_SPAN.toNanos() / KICKS;
            for (int i = 0; i < KICKS; i++) {
                long due = start + i * spacing;
                for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                    LockSupport.parkNanos(wait);
                }
                futures.add(dispatcher.submit(new KickUnit(units.get(i), REASON)));
            }
            boolean finished = awaitAll(futures, start + cap.toNanos());
            dispatcher.close(Duration.ZERO);

            int delivered = 0;
            int other = 0;
            for (CompletableFuture<CadResult> future : futures) {
                CadResult result = future.getNow(null);
                if (result instanceof CadResult.Delivered) {
                    delivered++;
                } else if (result != null) {
                    other++;
                }
            }
            List<SandboxRequest> kicks = cad.requestsTo(OperationType.KICK);
            Instant firstRequest = kicks.getFirst().time();
            Instant lastRequest = kicks.getLast().time();
            List<SandboxEvent.Kick> kicked = cad.deliveredKicks();
            Instant lastDelivery = kicked.getLast().time();
            return new Outcome(variant, delivered, other, kicks.size(), cad.rateLimitedCount(), cad.violations().size(),
                    new HashSet<>(kicked.stream().map(SandboxEvent.Kick::unitId).toList()).size(),
                    seconds(firstRequest, lastRequest), seconds(firstArrival, lastDelivery), finished);
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

    private static double seconds(Instant from, Instant to) {
        return Duration.between(from, to).toNanos() / 1e9;
    }

    private static void summarize(List<Outcome> batched, List<Outcome> naive) {
        double[] batchedRequests = batched.stream().mapToDouble(Outcome::requests).toArray();
        double[] batchedSpan = batched.stream().mapToDouble(Outcome::firstToLastRequestSeconds).toArray();
        double[] batchedCompletion = batched.stream().mapToDouble(Outcome::firstArrivalToLastDeliverySeconds).toArray();
        // The one-per-request variant was stopped at the cap: extrapolate its completion from the rate it reached.
        double[] naiveRate = naive.stream().mapToDouble(o -> o.delivered() / o.firstToLastRequestSeconds()).toArray();
        double[] naiveCompletion = naive.stream()
                .mapToDouble(o -> o.finished() ? o.firstArrivalToLastDeliverySeconds() : KICKS / (o.delivered() / o.firstToLastRequestSeconds()))
                .toArray();
        RateLimit kickLimit = DispatcherSettings.defaults().rateLimits().get(OperationType.KICK);
        double computedNaive = (KICKS - kickLimit.burst()) * 60.0 / kickLimit.perMinute();
        System.out.println();
        System.out.println("batched, median of " + batched.size() + " runs: requests " + BenchSupport.median(batchedRequests)
                + " (" + min(batchedRequests) + ".." + max(batchedRequests) + "), first->last request "
                + BenchSupport.format(BenchSupport.median(batchedSpan)) + " s (" + BenchSupport.format(min(batchedSpan)) + ".."
                + BenchSupport.format(max(batchedSpan)) + "), first arrival->last delivery "
                + BenchSupport.format(BenchSupport.median(batchedCompletion)) + " s, delivered "
                + batched.stream().mapToInt(Outcome::delivered).min().orElse(0) + "+ of " + KICKS + ", 429s "
                + batched.stream().mapToLong(Outcome::rateLimited).sum() + " in total, violations "
                + batched.stream().mapToInt(Outcome::violations).sum());
        System.out.println("one-per-request, median of " + naive.size() + " runs: rate " + BenchSupport.format(BenchSupport.median(naiveRate) * 60)
                + " kicks/min, extrapolated completion " + BenchSupport.format(BenchSupport.median(naiveCompletion)) + " s ("
                + BenchSupport.format(BenchSupport.median(naiveCompletion) / 60) + " min), computed from the bucket (burst "
                + kickLimit.burst() + " + " + kickLimit.perMinute() + "/min): " + BenchSupport.format(computedNaive) + " s; requests needed "
                + KICKS + "; 429s " + naive.stream().mapToLong(Outcome::rateLimited).sum() + " in total");
        System.out.println("ratio (one-per-request / batched): requests " + BenchSupport.format(KICKS / BenchSupport.median(batchedRequests))
                + "x, completion time " + BenchSupport.format(BenchSupport.median(naiveCompletion) / BenchSupport.median(batchedCompletion)) + "x");
    }

    private static double min(double[] values) {
        return java.util.Arrays.stream(values).min().orElse(Double.NaN);
    }

    private static double max(double[] values) {
        return java.util.Arrays.stream(values).max().orElse(Double.NaN);
    }
}
