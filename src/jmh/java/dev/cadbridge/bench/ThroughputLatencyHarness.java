package dev.cadbridge.bench;

import dev.cadbridge.outbound.DispatcherSettings;
import dev.cadbridge.outbound.SonoranDispatcher;
import dev.cadbridge.sandbox.SandboxRequest;
import dev.cadbridge.sandbox.SonoranSandbox;
import dev.cadbridge.sonoran.CadResult;
import dev.cadbridge.sonoran.CallOrigin;
import dev.cadbridge.sonoran.CallStatus;
import dev.cadbridge.sonoran.CadOperation;
import dev.cadbridge.sonoran.KickUnit;
import dev.cadbridge.sonoran.NewDispatch;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;

/**
 * Figure 5: the dispatcher with every rate limit lifted (sandbox {@code setRateLimitsEnabled(false)},
 * dispatcher {@code withoutRateLimits()}), against the loopback sandbox.
 * <ul>
 *   <li><b>Throughput</b>: kicks for distinct units submitted as fast as the dispatcher takes them, at
 *       most {@value #IN_FLIGHT} unanswered at a time (below the default queue capacity of 10,000, so
 *       none is refused); operations per second from the first submit to the last answer. Beside it,
 *       new dispatches, which cannot be batched (one request each).</li>
 *   <li><b>Idle submit-to-wire latency</b>: one kick at a time, submitted when the worker is parked
 *       waiting for work; from just before {@code submit()} to the sandbox's receive timestamp of that
 *       request (taken when it has read the whole request), on one shared nanosecond clock. Submit to
 *       the future's completion is reported beside it.</li>
 * </ul>
 * Arguments: {@code [runs=5] [kicksPerRun=200000] [latencySamples=2000]}.
 */
public final class ThroughputLatencyHarness {
    private static final int IN_FLIGHT = 5_000;
    private static final String REASON = "Automated AFK Timer";
    private static final String WORKER = "bench-throughput-worker";

    public static void main(String[] args) {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        int kicks = args.length > 1 ? Integer.parseInt(args[1]) : 200_000;
        int samples = args.length > 2 ? Integer.parseInt(args[2]) : 2_000;
        BenchSupport.printMachine();
        NanoClock clock = new NanoClock();
        List<String> units = BenchSupport.unitIds(kicks);
        try (SonoranSandbox cad = new SonoranSandbox(clock).start()) {
            cad.setRateLimitsEnabled(false);
            SonoranDispatcher dispatcher = BenchSupport.dispatcher(cad, DispatcherSettings.defaults())
                    .clock(clock).threadName(WORKER).withoutRateLimits().build();
            Thread worker = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> t.getName().equals(WORKER)).findFirst().orElseThrow();

            cad.setRecordRequests(false);
            throughput(dispatcher, cad, kicks / 4, i -> new KickUnit(units.get(i), REASON)); // warm-up, not reported
            double[] kickRates = new double[runs];
            double[] dispatchRates = new double[runs];
            for (int run = 0; run < runs; run++) {
                Rate kickRun = throughput(dispatcher, cad, kicks, i -> new KickUnit(units.get(i), REASON));
                Rate dispatchRun = throughput(dispatcher, cad, 5_000, ThroughputLatencyHarness::dispatch);
                kickRates[run] = kickRun.operationsPerSecond();
                dispatchRates[run] = dispatchRun.operationsPerSecond();
                System.out.println("run " + (run + 1) + ": kicks " + Math.round(kickRates[run]) + " ops/s ("
                        + kickRun.requests() + " requests, " + BenchSupport.format((double) kicks / kickRun.requests())
                        + " kicks/request); new dispatch " + Math.round(dispatchRates[run]) + " ops/s ("
                        + dispatchRun.requests() + " requests)");
            }

            cad.setRecordRequests(true);
            latency(dispatcher, cad, clock, worker, units, samples / 4); // warm-up, not reported
            double[][] latencyRuns = new double[runs][];
            for (int run = 0; run < runs; run++) {
                latencyRuns[run] = latency(dispatcher, cad, clock, worker, units, samples);
                System.out.println("run " + (run + 1) + ": submit->wire p50 " + micros(latencyRuns[run][0]) + " p99 "
                        + micros(latencyRuns[run][1]) + " max " + micros(latencyRuns[run][2]) + "; submit->future complete p50 "
                        + micros(latencyRuns[run][3]) + " p99 " + micros(latencyRuns[run][4]));
            }
            dispatcher.close(Duration.ofSeconds(5));

            System.out.println();
            System.out.println("throughput, median of " + runs + " runs: kicks " + Math.round(BenchSupport.median(kickRates))
                    + " ops/s (" + Math.round(min(kickRates)) + ".." + Math.round(max(kickRates)) + "), new dispatch "
                    + Math.round(BenchSupport.median(dispatchRates)) + " ops/s (" + Math.round(min(dispatchRates)) + ".."
                    + Math.round(max(dispatchRates)) + ")");
            String[] names = {"submit->wire p50", "submit->wire p99", "submit->wire max", "submit->complete p50", "submit->complete p99"};
            for (int k = 0; k < names.length; k++) {
                int column = k;
                double[] values = Arrays.stream(latencyRuns).mapToDouble(r -> r[column]).toArray();
                System.out.println("idle latency, median of " + runs + " runs: " + names[k] + " " + micros(BenchSupport.median(values))
                        + " (" + micros(min(values)) + ".." + micros(max(values)) + ")");
            }
            System.out.println("violations: " + cad.violations().size() + ", 429s: " + cad.rateLimitedCount());
        }
    }

    private static NewDispatch dispatch(int i) {
        return new NewDispatch(CallOrigin.CALLER, CallStatus.PENDING, 2, "Traffic Stop " + i, "10-38", "120",
                "Spawn Plaza", "101", "Blue sedan", "", Map.of(), List.of());
    }

    record Rate(double operationsPerSecond, long requests) {}

    /** Operations per second from the first submit to the last answer; every answer must be Delivered. */
    private static Rate throughput(SonoranDispatcher dispatcher, SonoranSandbox cad, int count, IntFunction<CadOperation> operation) {
        Semaphore window = new Semaphore(IN_FLIGHT);
        AtomicLong notDelivered = new AtomicLong();
        List<CompletableFuture<CadResult>> futures = new ArrayList<>(count);
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            window.acquireUninterruptibly();
            CompletableFuture<CadResult> future = dispatcher.submit(operation.apply(i));
            future.whenComplete((result, failure) -> {
                if (!(result instanceof CadResult.Delivered)) {
                    notDelivered.incrementAndGet();
                }
                window.release();
            });
            futures.add(future);
        }
        CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).join();
        long elapsed = System.nanoTime() - start;
        if (notDelivered.get() > 0) {
            throw new IllegalStateException(notDelivered.get() + " operations were not delivered");
        }
        long requests = cad.requestCount();
        cad.clearRecords();
        return new Rate(count / (elapsed / 1e9), requests);
    }

    /** {p50, p99, max} submit-to-wire and {p50, p99} submit-to-completion, in nanoseconds. */
    private static double[] latency(SonoranDispatcher dispatcher, SonoranSandbox cad, NanoClock clock, Thread worker,
                                    List<String> units, int samples) {
        long[] toWire = new long[samples];
        long[] toComplete = new long[samples];
        for (int i = 0; i < samples; i++) {
            LockSupport.parkNanos(1_000_000);
            while (worker.getState() != Thread.State.WAITING && worker.getState() != Thread.State.TIMED_WAITING) {
                Thread.onSpinWait();
            }
            AtomicLong completedAt = new AtomicLong();
            Instant submittedAt = clock.instant();
            long submitNanos = System.nanoTime();
            CompletableFuture<CadResult> future = dispatcher.submit(new KickUnit(units.get(i), REASON));
            future.thenRun(() -> completedAt.set(System.nanoTime())).join();
            if (!(future.join() instanceof CadResult.Delivered)) {
                throw new IllegalStateException("kick not delivered: " + future.join());
            }
            List<SandboxRequest> requests = cad.requests();
            toWire[i] = Duration.between(submittedAt, requests.getLast().time()).toNanos();
            toComplete[i] = completedAt.get() - submitNanos;
            cad.clearRecords();
        }
        Arrays.sort(toWire);
        Arrays.sort(toComplete);
        return new double[] {BenchSupport.percentile(toWire, 50), BenchSupport.percentile(toWire, 99), toWire[samples - 1],
                BenchSupport.percentile(toComplete, 50), BenchSupport.percentile(toComplete, 99)};
    }

    private static String micros(double nanos) {
        return BenchSupport.format(nanos / 1000) + " µs";
    }

    private static double min(double[] values) {
        return Arrays.stream(values).min().orElse(Double.NaN);
    }

    private static double max(double[] values) {
        return Arrays.stream(values).max().orElse(Double.NaN);
    }
}
