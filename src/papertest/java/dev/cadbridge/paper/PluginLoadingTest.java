package dev.cadbridge.paper;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.bukkit.command.PluginCommand;
import org.bukkit.configuration.file.YamlConfiguration;
import org.bukkit.permissions.Permission;
import org.bukkit.permissions.PermissionDefault;
import org.junit.jupiter.api.Test;

/** What Paper reads from plugin.yml, as the real server registers it. */
class PluginLoadingTest extends PaperServerTest {

    @Test
    void pluginYmlDeclaresFoliaSupportTheCommandWithItsAliasesAndIsEnabled() {
        start();
        assertThat(plugin.isEnabled()).isTrue();
        assertThat(pluginYml().getBoolean("folia-supported")).as("folia-supported in plugin.yml").isTrue();
        assertThat(plugin.getDescription().getVersion()).doesNotContain("${");
        PluginCommand cad = plugin.getCommand("cad");
        assertThat(cad).isNotNull();
        assertThat(cad.getAliases()).containsExactlyInAnyOrder("sonoran", "cadbridge");
        assertThat(server.getCommandMap().getCommand("sonoran")).isSameAs(cad);
        assertThat(server.getCommandMap().getCommand("cadbridge")).isSameAs(cad);
    }

    @Test
    void declaredPermissionsAreRegisteredWithTheirDefaults() {
        start();
        assertThat(defaultOf("cadbridge.use")).isEqualTo(PermissionDefault.TRUE);
        assertThat(defaultOf("cadbridge.use.link")).isEqualTo(PermissionDefault.TRUE);
        assertThat(defaultOf("cadbridge.staff")).isEqualTo(PermissionDefault.OP);
        assertThat(defaultOf("cadbridge.staff.dispatch")).isEqualTo(PermissionDefault.OP);
        assertThat(defaultOf("cadbridge.admin.reload")).isEqualTo(PermissionDefault.OP);
        assertThat(defaultOf("cadbridge.admin.doctor")).isEqualTo(PermissionDefault.OP);
        assertThat(defaultOf("cadbridge.afk.exempt")).isEqualTo(PermissionDefault.FALSE);

        PaperLikePlayer player = join("Pat");
        PaperLikePlayer op = joinOp("Olivia");
        assertThat(player.hasPermission("cadbridge.use.attach")).isTrue();
        assertThat(player.hasPermission("cadbridge.staff.kick")).isFalse();
        assertThat(op.hasPermission("cadbridge.staff.kick")).isTrue();
        assertThat(op.hasPermission("cadbridge.afk.exempt")).isFalse();
        assertThat(server.getConsoleSender().hasPermission("cadbridge.admin.status")).isTrue();
        assertThat(op.hasPermission("cadbridge.admin.doctor")).as("a child of cadbridge.admin").isTrue();
        assertThat(player.hasPermission("cadbridge.admin.doctor")).isFalse();
    }

    /** bStats writes plugins/bStats/config.yml as it starts; a test server must never start it. */
    @Test
    void bStatsIsNotStartedOnATestServer() {
        start();
        assertThat(plugin.isEnabled()).isTrue();
        assertThat(new File(plugin.getDataFolder().getParentFile(), "bStats")).doesNotExist();
    }

    /** paper-api has no getter for folia-supported: Paper reads the file itself. */
    private static YamlConfiguration pluginYml() {
        try (InputStream in = CadBridgePlugin.class.getClassLoader().getResourceAsStream("plugin.yml")) {
            return YamlConfiguration.loadConfiguration(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private PermissionDefault defaultOf(String node) {
        Permission permission = server.getPluginManager().getPermission(node);
        assertThat(permission).as(node).isNotNull();
        return permission.getDefault();
    }
}
