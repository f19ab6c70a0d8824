package dev.cadbridge.paper;

import dev.cadbridge.metrics.MetricsValues;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.bstats.bukkit.Metrics;
import org.bstats.charts.AdvancedPie;
import org.bstats.charts.SimplePie;
import org.bukkit.plugin.java.JavaPlugin;

/**
 * bStats (bstats.org), shaded into dev.cadbridge.lib.bstats: anonymous usage counts plus the
 * {@link MetricsValues} charts. Owners opt out in plugins/bStats/config.yml, as for every plugin
 * that uses bStats. Not started without a registered service id, nor when the system property
 * {@value MetricsValues#SWITCH_PROPERTY} is "false" (the test builds set it).
 */
final class BStats {
    private BStats() {}

    /** Starts bStats if allowed; {@code values} is asked each time bStats sends (every half hour). */
    static Optional<Metrics> start(JavaPlugin plugin, Supplier<MetricsValues> values) {
        if (!MetricsValues.mayStart(MetricsValues.BSTATS_SERVICE_ID, System.getProperty(MetricsValues.SWITCH_PROPERTY))) {
            return Optional.empty();
        }
        Metrics metrics = new Metrics(plugin, MetricsValues.BSTATS_SERVICE_ID);
        metrics.addCustomChart(new SimplePie("api_generation", () -> values.get().apiGeneration()));
        metrics.addCustomChart(new SimplePie("storage_type", () -> values.get().storageType()));
        metrics.addCustomChart(new SimplePie("quit_action", () -> values.get().quitAction()));
        metrics.addCustomChart(new AdvancedPie("features_on", () -> Map.copyOf(values.get().featuresOn())));
        return Optional.of(metrics);
    }
}
