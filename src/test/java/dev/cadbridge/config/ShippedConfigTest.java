package dev.cadbridge.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** The config.yml a server owner gets must load cleanly and explain every message. */
class ShippedConfigTest {
    private static final Path CONFIG = Path.of("config.yml");

    private static Map<String, Object> shipped() throws IOException {
        return new Yaml().load(Files.readString(CONFIG));
    }

    @Test
    void itLoadsWithoutProblemsAndAsksForTheKey() throws IOException {
        LoadedConfig loaded = new ConfigLoader(name -> null).load(shipped());
        assertThat(loaded.problems()).isEmpty();
        assertThat(loaded.credentialProblem()).isTrue();
    }

    @Test
    void itsValuesAreTheBuiltInDefaults() throws IOException {
        Map<String, Object> tree = shipped();
        @SuppressWarnings("unchecked")
        Map<String, Object> sonoran = (Map<String, Object>) tree.get("sonoran");
        sonoran.put("api-key", "k");
        CadBridgeConfig fromFile = new ConfigLoader(name -> null).load(tree).config();
        CadBridgeConfig builtIn = new ConfigLoader(name -> null).load(Map.of("sonoran", Map.of("api-key", "k"))).config();
        assertThat(fromFile).usingRecursiveComparison().ignoringFields("messages").isEqualTo(builtIn);
    }

    @Test
    void everyMessageIsListedWithItsDefault() throws IOException {
        @SuppressWarnings("unchecked")
        Map<String, Object> messages = (Map<String, Object>) shipped().get("messages");
        for (Message message : Message.values()) {
            assertThat(messages).as(message.key()).containsEntry(message.key(), message.defaultTemplate());
        }
        assertThat(messages.keySet()).containsExactlyInAnyOrderElementsOf(
                Arrays.stream(Message.values()).map(Message::key).toList());
    }
}
