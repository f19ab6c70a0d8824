package dev.cadbridge.bench;

import dev.cadbridge.outbound.DispatcherSettings;
import dev.cadbridge.outbound.SonoranDispatcher;
import dev.cadbridge.sandbox.SonoranSandbox;
import dev.cadbridge.sonoran.CadResult;
import dev.cadbridge.sonoran.KickUnit;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

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
                LockSupport.parkNanos(1_000_000);
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
            print("submit to a parked dispatcher worker", wall, cpu);
            dispatcher.close(Duration.ofSeconds(2));
        }
        bareWakeUp(samples, threads);
    }

    /**
     * The floor: a bare lock, signal, unlock that wakes a thread asleep on a Condition, with no
     * dispatcher code at all. Whatever submit adds to an idle worker beyond this is ours.
     */
    private static void bareWakeUp(int samples, ThreadMXBean threads) {
        ReentrantLock lock = new ReentrantLock();
        Condition wake = lock.newCondition();
        Thread sleeper = new Thread(() -> {
            while (true) {
                lock.lock();
                try {
                    wake.await();
                } catch (InterruptedException e) {
                    return;
                } finally {
                    lock.unlock();
                }
            }
        }, "probe-sleeper");
        sleeper.setDaemon(true);
        sleeper.start();
        long[] wall = new long[samples];
        long[] cpu = new long[samples];
        for (int i = 0; i < samples; i++) {
            while (sleeper.getState() != Thread.State.WAITING) {
                Thread.onSpinWait();
            }
            LockSupport.parkNanos(1_000_000); // let it fall asleep in the kernel, as the idle worker has
            long cpu0 = threads.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            lock.lock();
            try {
                wake.signalAll();
            } finally {
                lock.unlock();
            }
            long t1 = System.nanoTime();
            wall[i] = t1 - t0;
            cpu[i] = threads.getCurrentThreadCpuTime() - cpu0;
        }
        sleeper.interrupt();
        print("bare JDK wake-up of a sleeping thread", wall, cpu);
    }

    private static void print(String what, long[] wall, long[] cpu) {
        Arrays.sort(wall);
        Arrays.sort(cpu);
        System.out.println(what + " (" + wall.length + " samples; cpu includes ~1 µs for reading the thread clock):");
        for (double p : new double[] {50, 90, 99, 99.9}) {
            System.out.println("  p" + p + " wall " + BenchSupport.percentile(wall, p) + " ns, cpu " + BenchSupport.percentile(cpu, p) + " ns");
        }
    }
}
