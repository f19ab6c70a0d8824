package dev.cadbridge.metrics;

import dev.cadbridge.config.CadBridgeConfig;
import dev.cadbridge.config.QuitAction;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What CadBridge reports to bStats beside bStats' own server facts: which API generation, which
 * storage, and which features are on. Only these fixed words and counts: never an id, a key, a
 * name, an address or a message. Read from the configuration; the live session ({@code live.enabled})
 * and network mode ({@code network.enabled}) are read from the raw config file, as their settings
 * may not be part of this build.
 *
 * @param apiGeneration "v2" or "v1"
 * @param storageType   "h2", "mariadb" or "postgresql"
 * @param quitAction    "none", "detach" or "kick"
 * @param featuresOn    each feature that is on, counted once ("AFK timer", "quit action", "live session", "network mode")
 */
public record MetricsValues(String apiGeneration, String storageType, String quitAction, Map<String, Integer> featuresOn) {

    /**
     * bStats' id for CadBridge. Placeholder: the owners of the project must register the plugin at
     * bstats.org and put the numeric service id it gives here; until then nothing can be counted.
     */
    public static final int BSTATS_SERVICE_ID = 0;

    /** The system property that turns bStats off in this JVM when "false" (the test builds set it). */
    public static final String SWITCH_PROPERTY = "cadbridge.metrics";

    public MetricsValues {
        featuresOn = Map.copyOf(featuresOn);
    }

    public static MetricsValues of(CadBridgeConfig config, Map<String, Object> rawConfig) {
        Map<String, Integer> features = new LinkedHashMap<>();
        if (config.afk().enabled()) {
            features.put("AFK timer", 1);
        }
        if (config.quitAction() != QuitAction.NONE) {
            features.put("quit action", 1);
        }
        if (isOn(setting(rawConfig, "live", "enabled"))) {
            features.put("live session", 1);
        }
        if (isOn(setting(rawConfig, "network", "enabled"))) {
            features.put("network mode", 1);
        }
        return new MetricsValues(lower(config.generation().name()), lower(config.storage().type().name()),
                lower(config.quitAction().name()), features);
    }

    /**
     * Whether bStats may start: a registered service id, and not switched off for this JVM. Owners
     * opt out in bStats' own plugins/bStats/config.yml, which bStats reads itself.
     */
    public static boolean mayStart(int serviceId, String switchProperty) {
        return serviceId > 0 && !"false".equalsIgnoreCase(String.valueOf(switchProperty).strip());
    }

    private static Object setting(Map<String, Object> root, String section, String key) {
        return root != null && root.get(section) instanceof Map<?, ?> values ? values.get(key) : null;
    }

    /** Only an explicit true: "auto" or a missing key is not reported as on. */
    private static boolean isOn(Object value) {
        return value instanceof Boolean on ? on : value != null && "true".equalsIgnoreCase(value.toString().strip());
    }

    private static String lower(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
