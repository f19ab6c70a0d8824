package dev.cadbridge.paper;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cadbridge.sandbox.SandboxCall;
import dev.cadbridge.sandbox.SandboxEvent;
import dev.cadbridge.sandbox.SonoranSandbox;
import java.util.List;
import org.bukkit.Location;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every subcommand through Paper's command dispatch, for a plain player, an op and the console, on v2. */
class CommandsTest extends PaperServerTest {
    private PaperLikePlayer pat;
    private PaperLikePlayer olivia;
    private Inbox patSaid;
    private Inbox oliviaSaid;
    private Inbox consoleSaid;

    @BeforeEach
    void startPlugin() {
        start("quit.action", "none");
        pat = join("Pat");
        olivia = joinOp("Olivia");
        patSaid = inbox(pat);
        oliviaSaid = inbox(olivia);
        consoleSaid = console();
    }

    private static String id(PaperLikePlayer player) {
        return player.getUniqueId().toString();
    }

    @Test
    void helpListsOnlyWhatEachSenderMayUse() {
        pat.performCommand("cad help");
        olivia.performCommand("cad help");
        assertThat(patSaid.lines()).first().isEqualTo("[CAD] CadBridge commands you can use:");
        assertThat(String.join("\n", patSaid.lines())).contains("/cad attach", "/cad detach", "/cad link", "/cad help")
                .doesNotContain("/cad kick", "/cad dispatch", "/cad close", "/cad whois", "/cad unlink", "/cad status", "/cad reload", "/cad doctor");
        assertThat(String.join("\n", oliviaSaid.lines())).contains("/cad kick", "/cad dispatch", "/cad close", "/cad whois",
                "/cad unlink", "/cad status", "/cad reload", "/cad doctor");
    }

    @Test
    void bothAliasesAndTheBareCommandRunTheSameCommand() {
        pat.performCommand("cad help");
        List<String> viaCad = List.copyOf(patSaid.lines());
        patSaid.clear();
        pat.performCommand("sonoran help");
        assertThat(patSaid.lines()).isEqualTo(viaCad);
        patSaid.clear();
        pat.performCommand("cadbridge help");
        assertThat(patSaid.lines()).isEqualTo(viaCad);
        patSaid.clear();
        pat.performCommand("cad");
        assertThat(patSaid.lines()).isEqualTo(viaCad);
    }

    @Test
    void anUnknownSubcommandIsNamed() {
        pat.performCommand("cad fly");
        assertThat(patSaid.lines()).containsExactly("[CAD] There is no /cad fly. Try /cad help.");
    }

    @Test
    void aPlayerAttachesThemselvesAndHearsTheOutcome() {
        long call = cad.addCall("Robbery");
        pat.performCommand("cad attach " + call);
        assertThat(patSaid.lines()).containsExactly("[CAD] Sending to the CAD…");
        tickUntilSaid(patSaid, "Attached");
        assertThat(patSaid.last()).isEqualTo("[CAD] Attached Pat to call #" + call + ".");
        assertThat(cad.attachments()).extracting(SandboxEvent.Attachment::callId, SandboxEvent.Attachment::unitId)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(call, id(pat)));
    }

    @Test
    void aPlayerCannotAttachOthersButAnOpCan() {
        long call = cad.addCall("Robbery");
        pat.performCommand("cad attach " + call + " Olivia");
        assertThat(patSaid.lines()).containsExactly("[CAD] You do not have permission to do that.");

        olivia.performCommand("cad attach " + call + " Pat");
        tickUntilSaid(oliviaSaid, "Attached");
        assertThat(oliviaSaid.last()).isEqualTo("[CAD] Attached Pat to call #" + call + ".");
        assertThat(cad.attachments()).extracting(SandboxEvent.Attachment::unitId).containsExactly(id(pat));
    }

    @Test
    void attachWithoutACallShowsUsageAndABadCallIdIsRefusedWithTheField() {
        pat.performCommand("cad attach");
        assertThat(patSaid.lines()).containsExactly("[CAD] Usage: /cad attach <callId> [player...]");
        patSaid.clear();
        pat.performCommand("cad attach twelve");
        assertThat(patSaid.last()).startsWith("[CAD] Not sent: ").contains("twelve");
        assertThat(cad.requests()).noneMatch(request -> request.path().contains("attach"));
    }

    @Test
    void aPlayerDetachesThemselves() {
        long call = cad.addCall("Robbery");
        pat.performCommand("cad attach " + call);
        tickUntilSaid(patSaid, "Attached");
        pat.performCommand("cad detach");
        tickUntilSaid(patSaid, "Detached");
        assertThat(patSaid.last()).isEqualTo("[CAD] Detached Pat from their call.");
        assertThat(cad.detachments()).extracting(SandboxEvent.Detachment::unitId, SandboxEvent.Detachment::fromCallId)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(id(pat), call));
    }

    @Test
    void kickIsStaffOnlyAndSendsTheReasonOrTheConfiguredDefault() {
        pat.performCommand("cad kick Olivia");
        assertThat(patSaid.lines()).containsExactly("[CAD] You do not have permission to do that.");

        olivia.performCommand("cad kick Pat Too loud on the radio");
        tickUntilSaid(oliviaSaid, "back to the community menu");
        assertThat(oliviaSaid.last()).isEqualTo("[CAD] Sent Pat back to the community menu (Too loud on the radio).");
        olivia.performCommand("cad kick Pat");
        tickUntil(() -> cad.deliveredKicks().size() == 2);
        assertThat(cad.deliveredKicks()).extracting(SandboxEvent.Kick::unitId, SandboxEvent.Kick::reason).containsExactly(
                org.assertj.core.groups.Tuple.tuple(id(pat), "Too loud on the radio"),
                org.assertj.core.groups.Tuple.tuple(id(pat), "Removed by staff"));
    }

    @Test
    void anOpCreatesACallAtTheirBlockWithThemAsTheUnit() {
        olivia.setLocation(new Location(olivia.getWorld(), 120.4, 64, -35.2));
        olivia.performCommand("cad dispatch \"Traffic Stop\" --priority 1 --postal 101");
        tickUntilSaid(oliviaSaid, "Created call");
        assertThat(oliviaSaid.last()).isEqualTo("[CAD] Created call #1001: Traffic Stop");
        SandboxCall created = cad.createdCalls().get(0);
        assertThat(created.title()).isEqualTo("Traffic Stop");
        assertThat(created.priority()).isEqualTo(1);
        assertThat(created.postal()).isEqualTo("101");
        assertThat(created.address()).isEqualTo("120, -36");
        assertThat(created.units()).containsExactly(id(olivia));
    }

    @Test
    void dispatchAndCloseAreDeniedToAPlainPlayer() {
        long call = cad.addCall("Robbery");
        pat.performCommand("cad dispatch Robbery");
        pat.performCommand("cad close " + call);
        assertThat(patSaid.lines()).containsExactly("[CAD] You do not have permission to do that.",
                "[CAD] You do not have permission to do that.");
        assertThat(cad.createdCalls()).isEmpty();
        assertThat(cad.closedCalls()).isEmpty();
    }

    @Test
    void anOpClosesACall() {
        long call = cad.addCall("Robbery");
        olivia.performCommand("cad close " + call);
        tickUntilSaid(oliviaSaid, "Closed");
        assertThat(oliviaSaid.last()).isEqualTo("[CAD] Closed call #" + call + ".");
        assertThat(cad.closedCalls()).containsExactly(call);
    }

    @Test
    void theConsoleNamesThePlayersItActsOn() {
        long call = cad.addCall("Robbery");
        server.dispatchCommand(server.getConsoleSender(), "cad attach " + call);
        assertThat(consoleSaid.lines()).containsExactly(
                "[CAD] Only a player can do that alone; from the console use: /cad attach <callId> [player...]");
        consoleSaid.clear();
        server.dispatchCommand(server.getConsoleSender(), "cad attach " + call + " Pat");
        server.dispatchCommand(server.getConsoleSender(), "cad kick Pat Shift over");
        tickUntil(() -> consoleSaid.has("Attached") && consoleSaid.has("community menu"));
        assertThat(cad.attachments()).extracting(SandboxEvent.Attachment::unitId).containsExactly(id(pat));
        assertThat(cad.deliveredKicks()).extracting(SandboxEvent.Kick::reason).containsExactly("Shift over");
    }

    @Test
    void anOfflinePlayerIsNamedAsNotOnline() {
        olivia.performCommand("cad kick Nobody");
        assertThat(oliviaSaid.lines()).containsExactly("[CAD] No online player is named Nobody.");
    }

    @Test
    void staffSetWhoisAndUnlinkAPlayersCadId() {
        pat.performCommand("cad whois Olivia");
        assertThat(patSaid.lines()).containsExactly("[CAD] You do not have permission to do that.");

        olivia.performCommand("cad link Pat unit-42");
        tickUntilSaid(oliviaSaid, "CAD id is now");
        assertThat(oliviaSaid.last()).isEqualTo("[CAD] Pat's CAD id is now unit-42.");
        olivia.performCommand("cad whois Pat");
        tickUntilSaid(oliviaSaid, "Pat: CAD id");
        assertThat(oliviaSaid.last()).startsWith("[CAD] Pat: CAD id unit-42");

        olivia.performCommand("cad kick Pat");
        tickUntil(() -> cad.deliveredKicks().size() == 1);
        assertThat(cad.deliveredKicks().get(0).unitId()).isEqualTo("unit-42");

        olivia.performCommand("cad unlink Pat");
        tickUntilSaid(oliviaSaid, "back to the default");
        assertThat(oliviaSaid.last()).isEqualTo("[CAD] Pat's CAD id is back to the default, " + id(pat) + ".");
    }

    @Test
    void statusIsForAdminsAndTheConsoleAndNeverShowsTheKey() {
        pat.performCommand("cad status");
        assertThat(patSaid.lines()).containsExactly("[CAD] You do not have permission to do that.");

        olivia.performCommand("cad status");
        server.dispatchCommand(server.getConsoleSender(), "cad status");
        tickUntil(() -> oliviaSaid.has("API: ") && consoleSaid.has("API: "));
        assertThat(oliviaSaid.lines()).first().isEqualTo("CadBridge status");
        assertThat(String.join("\n", oliviaSaid.lines())).contains("API: v2 at " + cad.baseUrl(), "Queued: none")
                .doesNotContain(SonoranSandbox.DEFAULT_API_KEY);
        assertThat(String.join("\n", consoleSaid.lines())).doesNotContain(SonoranSandbox.DEFAULT_API_KEY);
    }

    @Test
    void doctorIsForAdminsAndItsChecklistReachesThePlayerAndTheConsole() {
        pat.performCommand("cad doctor");
        assertThat(patSaid.lines()).containsExactly("[CAD] You do not have permission to do that.");

        olivia.performCommand("cad doctor");
        assertThat(oliviaSaid.lines()).containsExactly("CadBridge doctor (checking live; a moment…)");
        server.dispatchCommand(server.getConsoleSender(), "cad doctor");
        tickUntil(() -> oliviaSaid.has("Rate limits: ") && consoleSaid.has("Rate limits: "));

        // The ticks that wait for the checks also run the AFK timer, whose "[CAD] ..." lines may arrive in between.
        assertThat(oliviaSaid.lines().stream().filter(line -> !line.startsWith("[CAD] "))).hasSize(10);
        assertThat(oliviaSaid.lines()).anyMatch(line -> line.contains(" Live session: "));
        assertThat(oliviaSaid.lines()).contains("✘ Your CAD link: " + id(olivia) + " is not linked to a CAD account"
                + " → run /cad link and follow the link it gives you");
        assertThat(oliviaSaid.lines()).anyMatch(line -> line.contains(" Storage: ") && line.contains("h2 file "));
        assertThat(consoleSaid.lines()).contains("- Your CAD link: the console has none; run /cad doctor in game to check yours");
        String everything = String.join("\n", oliviaSaid.lines()) + String.join("\n", consoleSaid.lines());
        assertThat(everything).doesNotContain(SonoranSandbox.DEFAULT_API_KEY);
    }

    /**
     * Issue 9 item 16 (being changed on another branch): a player without staff rights must not learn
     * whether a player is online; the answer for an online and an offline name is the same.
     */
    @Test
    void aPlainPlayerCannotTellWhetherAnotherPlayerIsOnline() {
        pat.performCommand("cad detach Olivia");
        pat.performCommand("cad detach Ghost");
        List<String> answers = patSaid.lines();
        assertThat(answers).hasSize(2);
        assertThat(answers.get(1)).isEqualTo(answers.get(0));
    }
}
