package dev.cadbridge.bench;

import dev.cadbridge.outbound.DispatcherSettings;
import dev.cadbridge.outbound.SonoranDispatcher;
import dev.cadbridge.outbound.SonoranDispatcherBuilder;
import dev.cadbridge.sandbox.SonoranSandbox;
import dev.cadbridge.sonoran.ApiGeneration;
import dev.cadbridge.sonoran.ApiKey;
import dev.cadbridge.sonoran.SonoranSettings;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Wiring shared by the benchmarks and harnesses: the real dispatcher against the loopback sandbox (v2). */
final class BenchSupport {
    private BenchSupport() {
    }

    static SonoranSettings v2Settings(SonoranSandbox cad) {
        return SonoranSettings.of(ApiGeneration.V2, URI.create(cad.baseUrl()), cad.communityId(), ApiKey.of(cad.apiKey()), 1);
    }

    /** A logger that keeps the console clean; the harnesses report what matters themselves. */
    static Logger quietLogger(String name) {
        Logger logger = Logger.getLogger(name);
        logger.setUseParentHandlers(false);
        logger.setLevel(Level.OFF);
        return logger;
    }

    static SonoranDispatcherBuilder dispatcher(SonoranSandbox cad, DispatcherSettings settings) {
        return SonoranDispatcher.builder(v2Settings(cad))
                .dispatcherSettings(settings)
                .logger(quietLogger("CadBridge-bench"));
    }

    /** Player-like unit ids: dashed UUIDs, as the plugin sends by default; distinct and reproducible. */
    static List<String> unitIds(int count) {
        String[] ids = new String[count];
        for (int i = 0; i < count; i++) {
            ids[i] = new UUID(0x3f2504e04f8911d3L, 0x9a0c0305e82c0000L + i).toString();
        }
        return Arrays.asList(ids);
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    /** Nearest-rank percentile of already sorted values. */
    static long percentile(long[] sorted, double p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    static String format(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }

    static void printMachine() {
        System.out.println("machine: " + Runtime.getRuntime().availableProcessors() + " cores, "
                + System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version")
                + ", " + System.getProperty("os.name") + " " + System.getProperty("os.arch"));
    }
}
