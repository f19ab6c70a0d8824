package dev.cadbridge.bench;

import dev.cadbridge.outbound.DispatcherSettings;
import dev.cadbridge.outbound.SonoranDispatcher;
import dev.cadbridge.sandbox.SandboxFault;
import dev.cadbridge.sandbox.SonoranSandbox;
import dev.cadbridge.sonoran.CadResult;
import dev.cadbridge.sonoran.KickUnit;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Figure 3: what the server thread pays to submit an AFK kick (build and validate the operation,
 * take the dispatcher's lock, enqueue, get the future), sampled per call so the tail shows any
 * waiting on that lock. Three worker situations:
 * <ul>
 *   <li>{@code idleWorker}: before each call the previous kick has been answered and the worker is
 *       parked waiting for work, as on a real server where kicks are rare; each submit wakes it.</li>
 *   <li>{@code busyWorker} with {@code cad=FAST}: submits back to back while the worker drains them
 *       to a loopback CAD with no rate limits, so the two threads compete for the lock all the time.</li>
 *   <li>{@code busyWorker} with {@code cad=SLOW}: the CAD holds every answer for 50 ms, so the worker
 *       is nearly always blocked in I/O while the server thread submits.</li>
 * </ul>
 * Kicks cycle through 50 unit ids: duplicates in the queue collapse into the next request, which keeps
 * the queue bounded however fast the benchmark submits.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class SubmitBenchmark {
    private static final String REASON = "Automated AFK Timer";
    private static final int UNITS = 50;

    /** A dispatcher and sandbox shared by the setup and the benchmark thread. */
    abstract static class Wired {
        final List<String> units = BenchSupport.unitIds(UNITS);
        SonoranSandbox cad;
        SonoranDispatcher dispatcher;
        int next;

        void wire(String threadName) {
            cad = new SonoranSandbox().start();
            cad.setRateLimitsEnabled(false);
            cad.setRecordRequests(false);
            DispatcherSettings defaults = DispatcherSettings.defaults();
            dispatcher = BenchSupport.dispatcher(cad, defaults).threadName(threadName).withoutRateLimits().build();
        }

        String nextUnit() {
            String unit = units.get(next);
            next = next + 1 == UNITS ? 0 : next + 1;
            return unit;
        }

        /** The sandbox keeps every delivered kick as an event; forget them so memory stays flat. */
        @TearDown(Level.Iteration)
        public void forgetEvents() {
            cad.clearRecords();
        }

        @TearDown(Level.Trial)
        public void unwire() {
            dispatcher.close(Duration.ofSeconds(5));
            cad.close();
        }
    }

    @State(Scope.Thread)
    public static class Busy extends Wired {
        @Param({"FAST", "SLOW"})
        public String cadSpeed;

        @Setup(Level.Trial)
        public void start() {
            wire("CadBridge-Dispatcher-busy");
            if (cadSpeed.equals("SLOW")) {
                cad.inject(SandboxFault.slow(Duration.ofMillis(50)));
            }
        }
    }

    @State(Scope.Thread)
    public static class Idle extends Wired {
        private Thread worker;
        private CompletableFuture<CadResult> previous = CompletableFuture.completedFuture(null);

        @Setup(Level.Trial)
        public void start() {
            wire("CadBridge-Dispatcher-idle");
            worker = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> t.getName().equals("CadBridge-Dispatcher-idle")).findFirst().orElseThrow();
            warmUpSubmitPath();
        }

        /**
         * One idle submit per CAD round trip is too few calls for the JIT to compile submit within
         * JMH's warm-up; without this the figure would be the interpreter's, not the steady state.
         */
        private void warmUpSubmitPath() {
            CompletableFuture<CadResult> last = previous;
            for (int i = 0; i < 200_000; i++) {
                last = dispatcher.submit(new KickUnit(nextUnit(), REASON));
            }
            last.join();
            cad.clearRecords();
        }

        /** Not timed: wait for the last kick's answer and for the worker to park again. */
        @Setup(Level.Invocation)
        public void awaitIdleWorker() {
            previous.join();
            while (worker.getState() != Thread.State.WAITING && worker.getState() != Thread.State.TIMED_WAITING) {
                Thread.onSpinWait();
            }
        }
    }

    @Benchmark
    public CompletableFuture<CadResult> busyWorker(Busy state) {
        return state.dispatcher.submit(new KickUnit(state.nextUnit(), REASON));
    }

    @Benchmark
    public CompletableFuture<CadResult> idleWorker(Idle state) {
        CompletableFuture<CadResult> future = state.dispatcher.submit(new KickUnit(state.nextUnit(), REASON));
        state.previous = future;
        return future;
    }

    /** Unit ids only, for the baseline. */
    @State(Scope.Thread)
    public static class Units {
        final List<String> units = BenchSupport.unitIds(UNITS);
        int next;
    }

    /** Baseline: building and validating the kick alone, without the dispatcher. */
    @Benchmark
    public KickUnit constructOnly(Units state) {
        String unit = state.units.get(state.next);
        state.next = state.next + 1 == UNITS ? 0 : state.next + 1;
        return new KickUnit(unit, REASON);
    }
}
