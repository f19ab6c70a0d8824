package dev.cadbridge.bench;

import dev.cadbridge.dispatch.CadResult;
import dev.cadbridge.dispatch.DispatcherSettings;
import dev.cadbridge.dispatch.SonoranDispatcher;
import dev.cadbridge.sandbox.SonoranSandbox;
import dev.cadbridge.sonoran.KickUnit;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Explains the idle-worker submit figure: times each submit to a parked worker both in wall-clock
 * time and in the submitting thread's own CPU time. When wall time is far above CPU time, the
 * thread was not working and not waiting on a lock held by anyone: it was off the CPU.
 */
public final class IdleSubmitProbe {
    public static void main(String[] args) {
        int samples = args.length > 0 ? Integer.parseInt(args[0]) : 3000;
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        List<String> units = BenchSupport.unitIds(50);
        try (SonoranSandbox cad = new SonoranSandbox().start()) {
            cad.setRateLimitsEnabled(false);
            cad.setRecordRequests(false);
            SonoranDispatcher dispatcher = BenchSupport.dispatcher(cad, DispatcherSettings.defaults())
                    .threadName("probe-worker").withoutRateLimits().build();
            Thread worker = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> t.getName().equals("probe-worker")).findFirst().orElseThrow();
            CompletableFuture<CadResult> last = null;
            for (int i = 0; i < 200_000; i++) {
                last = dispatcher.submit(new KickUnit(units.get(i % 50), "Automated AFK Timer"));
            }
            last.join();
            long[] wall = new long[samples];
            long[] cpu = new long[samples];
            for (int i = 0; i < samples; i++) {
                while (worker.getState() != Thread.State.WAITING && worker.getState() != Thread.State.TIMED_WAITING) {
                    Thread.onSpinWait();
                }
                long cpu0 = threads.getCurrentThreadCpuTime();
                long t0 = System.nanoTime();
                last = dispatcher.submit(new KickUnit(units.get(i % 50), "Automated AFK Timer"));
                long t1 = System.nanoTime();
                long cpu1 = threads.getCurrentThreadCpuTime();
                wall[i] = t1 - t0;
                cpu[i] = cpu1 - cpu0;
                last.join();
            }
            Arrays.sort(wall);
            Arrays.sort(cpu);
            for (double p : new double[] {50, 90, 99, 99.9}) {
                System.out.println("p" + p + " wall " + BenchSupport.percentile(wall, p) + " ns, cpu " + BenchSupport.percentile(cpu, p) + " ns");
            }
            dispatcher.close(Duration.ofSeconds(2));
        }
    }
}
