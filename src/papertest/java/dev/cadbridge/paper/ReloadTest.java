package dev.cadbridge.paper;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cadbridge.sandbox.SandboxEvent;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** /cad reload re-reads config.yml from the plugin folder (off the server thread) and applies it. */
class ReloadTest extends PaperServerTest {
    private PaperLikePlayer olivia;
    private PaperLikePlayer pat;
    private Inbox oliviaSaid;

    @BeforeEach
    void startPlugin() {
        start("quit.action", "none");
        olivia = joinOp("Olivia");
        pat = join("Pat");
        oliviaSaid = inbox(olivia);
    }

    private void reloadAs(PaperLikePlayer who, Inbox said) {
        who.performCommand("cad reload");
        assertThat(said.lines()).contains("[CAD] Reloading CadBridge…");
        tickUntilSaid(said, "reloaded");
    }

    @Test
    void aChangedFileIsAppliedWithoutARestart() {
        editConfig("messages.prefix", "<dark_aqua>[Dispatch]</dark_aqua> ", "commands.kick-default-reason", "End of shift");
        reloadAs(olivia, oliviaSaid);
        assertThat(oliviaSaid.last()).isEqualTo("[Dispatch] CadBridge reloaded.");

        olivia.performCommand("cad kick Pat");
        tickUntil(() -> !cad.deliveredKicks().isEmpty());
        assertThat(cad.deliveredKicks()).extracting(SandboxEvent.Kick::reason).containsExactly("End of shift");
    }

    @Test
    void aWrongValueIsNamedAndItsDefaultUsed() {
        editConfig("afk.timeout", "forever");
        reloadAs(olivia, oliviaSaid);
        assertThat(oliviaSaid.lines()).anySatisfy(line -> assertThat(line).startsWith("[CAD] CadBridge reloaded; 1 value(s) were wrong"));
        assertThat(oliviaSaid.lines()).anySatisfy(line -> assertThat(line).startsWith(" - afk.timeout:"));
        assertThat(logText()).contains("config.yml: afk.timeout");
    }

    @Test
    void anUnreadableFileChangesNothing() throws IOException {
        Files.writeString(new File(plugin.getDataFolder(), "config.yml").toPath(), "sonoran: [unclosed\n  api-key: : :\n");
        olivia.performCommand("cad reload");
        tickUntilSaid(oliviaSaid, "could not be read");
        assertThat(oliviaSaid.last()).startsWith("[CAD] config.yml could not be read, so nothing changed:");
        olivia.performCommand("cad kick Pat");
        tickUntil(() -> !cad.deliveredKicks().isEmpty());
    }

    @Test
    void changesThatNeedARestartAreSaidToDoSo() {
        editConfig("storage.table-prefix", "other_");
        reloadAs(olivia, oliviaSaid);
        tickUntilSaid(oliviaSaid, "take effect after a server restart");
        assertThat(oliviaSaid.lines()).contains("[CAD] Changes under storage take effect after a server restart.");
    }

    @Test
    void theConsoleCanReloadAndAPlainPlayerCannot() {
        Inbox patSaid = inbox(pat);
        pat.performCommand("cad reload");
        assertThat(patSaid.lines()).containsExactly("[CAD] You do not have permission to do that.");

        Inbox consoleSaid = console();
        server.dispatchCommand(server.getConsoleSender(), "cad reload");
        tickUntilSaid(consoleSaid, "reloaded");
        assertThat(consoleSaid.last()).isEqualTo("[CAD] CadBridge reloaded.");
    }
}
