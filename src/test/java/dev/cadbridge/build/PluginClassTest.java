package dev.cadbridge.build;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cadbridge.paper.CadBridgePlugin;
import java.lang.reflect.Modifier;
import org.junit.jupiter.api.Test;

/** What MockBukkit and Paper need from the main class. */
class PluginClassTest {

    @Test
    void theMainClassIsPublicNotFinalWithAPublicNoArgumentConstructor() throws NoSuchMethodException {
        int modifiers = CadBridgePlugin.class.getModifiers();
        assertThat(Modifier.isPublic(modifiers)).isTrue();
        assertThat(Modifier.isFinal(modifiers)).isFalse();
        assertThat(Modifier.isPublic(CadBridgePlugin.class.getConstructor().getModifiers())).isTrue();
    }

    @Test
    void theMainClassHoldsNoStaticState() {
        assertThat(CadBridgePlugin.class.getDeclaredFields()).allMatch(field -> !Modifier.isStatic(field.getModifiers()));
    }
}
