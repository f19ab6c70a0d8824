package dev.cadbridge.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cadbridge.config.ConfigLoader;
import dev.cadbridge.config.ConfigProblem;
import dev.cadbridge.config.LoadedConfig;
import dev.cadbridge.testing.FakePlayer;
import dev.cadbridge.testing.Harness;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.yaml.snakeyaml.Yaml;

/**
 * Any value of any type under any key of the shipped config.yml: loading never throws, every
 * problem names a key that was written, and a plugin started on that file keeps running on safe
 * defaults (it answers commands and sends them to the CAD) with each problem in the console.
 */
class ConfigValueProperties {
    private static final String API_KEY = "sk-CONFIG-FUZZ-91aa-LEAK-CANARY";
    /** Every setting in the shipped file except the key itself and the message templates. */
    private static final List<String> KEYS = settingKeys();

    @SuppressWarnings("unchecked")
    private static List<String> settingKeys() {
        try {
            Map<String, Object> shipped = new Yaml().load(Files.readString(Path.of("config.yml")));
            List<String> keys = new ArrayList<>();
            flatten("", shipped, keys);
            keys.removeIf(key -> key.startsWith("messages.") || key.equals("sonoran.api-key"));
            return List.copyOf(keys);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static void flatten(String prefix, Map<String, Object> tree, List<String> keys) {
        tree.forEach((name, value) -> {
            if (value instanceof Map<?, ?> child) {
                flatten(prefix + name + ".", (Map<String, Object>) child, keys);
            } else {
                keys.add(prefix + name);
            }
        });
    }

    @Property(tries = 300)
    void everyWrongValueIsNamedByItsKeyAndNothingThrows(@ForAll("badSettings") Map<String, Object> settings) {
        Object[] overrides = overrides(settings);
        LoadedConfig loaded = new ConfigLoader(name -> null).load(Harness.tree(overrides));

        for (ConfigProblem problem : loaded.problems()) {
            assertThat(settings.keySet()).as("%s names a key that was written", problem)
                    .anyMatch(key -> key.equals(problem.key()) || key.startsWith(problem.key() + ".")
                            || problem.key().startsWith(key + "."));
            assertThat(problem.message()).as(problem.toString()).hasSizeGreaterThan(5);
        }
        assertThat(loaded.config()).isNotNull();
        assertThat(loaded.toString()).doesNotContain(API_KEY);
    }

    @Property(tries = 60)
    void thePluginKeepsRunningOnSafeDefaults(@ForAll("badSettings") Map<String, Object> settings) {
        Harness h = new Harness().configure(overrides(settings)).start();
        FakePlayer staff = h.join(h.staff("Alex"));

        h.run(staff, "close 5");

        assertThat(staff.messages()).noneMatch(m -> m.contains("Something went wrong"));
        if (h.core.unavailableReason().isEmpty()) {
            assertThat(h.cad.received()).as("commands still reach the CAD; messages: %s", staff.messages()).hasSize(1);
        } else {
            // only settings the connection cannot do without (v1 with no community id) may stop sending
            assertThat(settings).containsKey("sonoran.api-generation");
            assertThat(staff.messages()).anyMatch(m -> m.contains("cannot reach the CAD: "));
            assertThat(h.platform.logText()).contains("cannot reach the CAD");
        }
        for (ConfigProblem problem : h.core.configProblems()) {
            assertThat(h.platform.log()).as("told in the console").anyMatch(line -> line.contains(problem.key()));
        }
        assertThat(h.platform.logText()).doesNotContain(API_KEY);
    }

    private static Object[] overrides(Map<String, Object> settings) {
        List<Object> pairs = new ArrayList<>(List.of("sonoran.api-key", API_KEY));
        settings.forEach((key, value) -> {
            pairs.add(key);
            pairs.add(value);
        });
        return pairs.toArray();
    }

    // ----- generators -----

    @Provide
    Arbitrary<Map<String, Object>> badSettings() {
        Arbitrary<String> key = Arbitraries.of(KEYS);
        return Combinators.combine(key, value()).as(Map::entry).list().ofMinSize(1).ofMaxSize(6)
                .map(entries -> {
                    Map<String, Object> settings = new LinkedHashMap<>();
                    entries.forEach(entry -> settings.put(entry.getKey(), entry.getValue()));
                    return settings;
                });
    }

    private static Arbitrary<Object> value() {
        return Arbitraries.oneOf(
                Arbitraries.strings().all().ofMaxLength(20).map(Object.class::cast),
                Arbitraries.integers().map(Object.class::cast),
                Arbitraries.longs().map(Object.class::cast),
                Arbitraries.doubles().map(Object.class::cast),
                Arbitraries.of(true, false).map(Object.class::cast),
                Arbitraries.of("-5s", "0s", "0", "-1", "99999d", "1ms", "10", "10 minutes", "PT5M", "", " ", "v3", "V2",
                        "v0", "http://api.sonorancad.com", "http://10.0.0.5:8080", "ftp://x", "https://", "not a url",
                        "2147483648", "-2147483649", "1e3", "NaN", "yes", "null", "\u0000", "\uD83D\uDE93").map(Object.class::cast),
                Arbitraries.of(List.of(), List.of("a", 1), Map.of(), Map.of("nested", "value")).map(Object.class::cast));
    }
}
