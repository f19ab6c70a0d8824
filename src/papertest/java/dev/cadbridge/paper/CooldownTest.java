package dev.cadbridge.paper;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** commands.cooldown between a player's CAD commands, measured in server time. */
class CooldownTest extends PaperServerTest {
    private PaperLikePlayer pat;
    private Inbox patSaid;
    private long call;

    @BeforeEach
    void startPlugin() {
        start("quit.action", "none", "commands.cooldown", "3s");
        pat = join("Pat");
        patSaid = inbox(pat);
        call = cad.addCall("Robbery");
    }

    @Test
    void aSecondCommandWithinTheCooldownIsRefusedAndAllowedAfterIt() {
        pat.performCommand("cad attach " + call);
        tickUntilSaid(patSaid, "Attached");
        patSaid.clear();
        pat.performCommand("cad detach");
        assertThat(patSaid.last()).matches("\\[CAD\\] Please wait [1-3]s before sending another CAD command\\.");
        assertThat(cad.detachments()).isEmpty();

        advance(Duration.ofSeconds(3));
        pat.performCommand("cad detach");
        tickUntilSaid(patSaid, "Detached");
        assertThat(cad.detachments()).hasSize(1);
    }

    @Test
    void badInputDoesNotStartTheCooldown() {
        pat.performCommand("cad attach not-a-number");
        assertThat(patSaid.last()).startsWith("[CAD] Not sent:");
        pat.performCommand("cad attach " + call);
        assertThat(patSaid.last()).isEqualTo("[CAD] Sending to the CAD…");
        tickUntilSaid(patSaid, "Attached");
    }

    @Test
    void theConsoleHasNoCooldown() {
        join("Sam");
        Inbox consoleSaid = console();
        server.dispatchCommand(server.getConsoleSender(), "cad kick Pat");
        server.dispatchCommand(server.getConsoleSender(), "cad kick Sam");
        tickUntil(() -> cad.deliveredKicks().size() == 2);
        assertThat(consoleSaid.lines()).noneMatch(line -> line.contains("Please wait"));
    }
}
