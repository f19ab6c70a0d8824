package dev.cadbridge.bench;

import dev.cadbridge.command.Permissions;
import dev.cadbridge.outbound.DispatcherSettings;
import dev.cadbridge.outbound.SonoranDispatcher;
import dev.cadbridge.sandbox.SandboxEndpoint;
import dev.cadbridge.sandbox.SandboxRequest;
import dev.cadbridge.sandbox.SonoranSandbox;
import dev.cadbridge.sonoran.ApiGeneration;
import dev.cadbridge.sonoran.CadResult;
import dev.cadbridge.sonoran.SetUnitPanic;
import dev.cadbridge.sonoran.SetUnitStatus;
import dev.cadbridge.testing.FakePlayer;
import dev.cadbridge.testing.PluginOnSandbox;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Issue 11's load figures, against the sandbox enforcing the documented v2 limits (429 beyond them):
 * <ol>
 *   <li><b>A busy second, in real time</b>: 200 players each change their unit status (the five
 *       statuses in turn) and 20 press panic, all within the same second, through the real dispatcher
 *       with its default settings. Printed: requests per route, 429s, and the time from the first
 *       press to the last answer.</li>
 *   <li><b>/cad calls spam, on a manual clock</b>: 10 staff each run {@code /cad calls} every
 *       {@code askEveryMillis} of clock time for a minute, through the plugin core and its real
 *       dispatcher on the same clock. Printed: requests to {@code GET .../calls} (limit 5 a minute),
 *       429s, and how many asks were answered.</li>
 * </ol>
 * Arguments: {@code [runs=3] [askEveryMillis=1000]}.
 */
public final class RoleplayLoadHarness {
    private static final int STATUS_CHANGES = 200;
    private static final int PANICS = 20;
    private static final int STAFF = 10;

    record BusySecond(int statusRequests, int panicRequests, long rateLimited, int violations, int delivered, int other,
                      double firstToLastAnswerSeconds) {}

    record Spam(int asks, int listsShown, int failuresShown, int callRequests, long rateLimited, int violations, double realSeconds) {}

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        long askEveryMillis = args.length > 1 ? Long.parseLong(args[1]) : 1000;
        BenchSupport.printMachine();
        System.out.println("load average before: " + loadAverage());
        for (int run = 1; run <= runs; run++) {
            System.out.println("run " + run + ": " + busySecond());
            System.out.println("run " + run + ": " + spam(askEveryMillis));
        }
        System.out.println("load average after: " + loadAverage());
    }

    private static BusySecond busySecond() throws Exception {
        List<String> units = BenchSupport.unitIds(STATUS_CHANGES + PANICS);
        try (SonoranSandbox cad = new SonoranSandbox().start()) {
            SonoranDispatcher dispatcher = BenchSupport.dispatcher(cad, DispatcherSettings.defaults()).threadName("bench-rp").build();
            List<CompletableFuture<CadResult>> futures = new ArrayList<>();
            int presses = STATUS_CHANGES + PANICS;
            long spacing = TimeUnit.SECONDS.toNanos(1) / presses;
            long start = System.nanoTime();
            for (int i = 0; i < presses; i++) {
                long due = start + i * spacing;
                for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                    LockSupport.parkNanos(wait);
                }
                // every 11th press is a panic (20 of 220), spread among the status changes as players press them
                futures.add(i % 11 == 10
                        ? dispatcher.submit(new SetUnitPanic(List.of(units.get(i)), true))
                        : dispatcher.submit(new SetUnitStatus(List.of(units.get(i)), i % 5)));
            }
            CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get(5, TimeUnit.MINUTES);
            long end = System.nanoTime();
            dispatcher.close(Duration.ZERO);
            int delivered = 0;
            for (CompletableFuture<CadResult> future : futures) {
                if (future.join() instanceof CadResult.Delivered) {
                    delivered++;
                }
            }
            List<SandboxRequest> statuses = cad.requestsTo(SandboxEndpoint.V2_UNIT_STATUS);
            List<SandboxRequest> panics = cad.requestsTo(SandboxEndpoint.V2_UNIT_PANIC);
            return new BusySecond(statuses.size(), panics.size(), cad.rateLimitedCount(), cad.violations().size(),
                    delivered, futures.size() - delivered, (end - start) / 1e9);
        }
    }

    private static Spam spam(long askEveryMillis) {
        try (PluginOnSandbox plugin = new PluginOnSandbox()) {
            plugin.startPaced(ApiGeneration.V2);
            plugin.cad.addCall("Armed Robbery");
            List<FakePlayer> staff = new ArrayList<>();
            for (int i = 0; i < STAFF; i++) {
                staff.add(plugin.h.join(plugin.h.staff("Staff" + i).grant(Permissions.STAFF_CALLS)));
            }
            long realStart = System.nanoTime();
            int asks = 0;
            int lists = 0;
            int failures = 0;
            for (long at = 0; at <= 60_000; at += askEveryMillis) {
                staff.forEach(FakePlayer::clearMessages);
                for (FakePlayer member : staff) {
                    plugin.h.run(member, "calls");
                    asks++;
                }
                plugin.eventually(() -> staff.stream().allMatch(member -> member.messages().stream()
                        .anyMatch(line -> line.startsWith("[CAD] Open calls: 1") || line.startsWith("[CAD] The CAD did not"))));
                for (FakePlayer member : staff) {
                    lists += (int) member.messages().stream().filter(line -> line.startsWith("[CAD] Open calls: 1")).count();
                    failures += (int) member.messages().stream().filter(line -> line.startsWith("[CAD] The CAD did not")).count();
                }
                plugin.h.clock.advance(Duration.ofMillis(askEveryMillis));
            }
            return new Spam(asks, lists, failures, plugin.cad.requestsTo(SandboxEndpoint.V2_CALLS).size(), plugin.cad.rateLimitedCount(),
                    plugin.cad.violations().size(), (System.nanoTime() - realStart) / 1e9);
        }
    }

    private static String loadAverage() {
        return BenchSupport.format(ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }
}
