package dev.cadbridge.paper;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cadbridge.sandbox.SandboxEvent;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;
import org.mockbukkit.mockbukkit.MockBukkit;

/** Join, quit with each quit.action, and the server stopping with players online, through real Bukkit events. */
class SessionTest extends PaperServerTest {

    @Test
    void quittingWithKickSendsOneKickWithTheConfiguredReason() {
        start("quit.action", "kick", "quit.kick-reason", "Shift over");
        PaperLikePlayer pat = join("Pat");
        pat.disconnect();
        tickUntil(() -> !cad.deliveredKicks().isEmpty());
        assertThat(cad.deliveredKicks()).extracting(SandboxEvent.Kick::unitId, SandboxEvent.Kick::reason)
                .containsExactly(Tuple.tuple(pat.getUniqueId().toString(), "Shift over"));
    }

    @Test
    void quittingWithDetachTakesTheUnitOffItsCall() {
        start("quit.action", "detach");
        PaperLikePlayer pat = join("Pat");
        long call = cad.addCall("Robbery");
        pat.performCommand("cad attach " + call);
        tickUntil(() -> cad.attachments().size() == 1);
        pat.disconnect();
        tickUntil(() -> !cad.detachments().isEmpty());
        assertThat(cad.detachments()).extracting(SandboxEvent.Detachment::unitId, SandboxEvent.Detachment::fromCallId)
                .containsExactly(Tuple.tuple(pat.getUniqueId().toString(), call));
        assertThat(cad.deliveredKicks()).isEmpty();
    }

    @Test
    void quittingWithNoneSendsNothing() {
        start("quit.action", "none");
        PaperLikePlayer pat = join("Pat");
        PaperLikePlayer olivia = joinOp("Olivia");
        pat.disconnect();
        // A later request as a marker: the dispatcher sends in order, so nothing for Pat can still be on its way.
        olivia.performCommand("cad kick Olivia");
        tickUntil(() -> !cad.deliveredKicks().isEmpty());
        assertThat(cad.deliveredKicks()).extracting(SandboxEvent.Kick::unitId).containsExactly(olivia.getUniqueId().toString());
        assertThat(cad.detachments()).isEmpty();
    }

    @Test
    void aJoiningPlayerIsKnownByTheirDefaultIdAndCountedOnline() {
        start();
        PaperLikePlayer olivia = joinOp("Olivia");
        PaperLikePlayer pat = join("Pat");
        Inbox said = inbox(olivia);
        olivia.performCommand("cad whois Pat");
        tickUntilSaid(said, "CAD id");
        assertThat(said.last()).startsWith("[CAD] Pat: CAD id " + pat.getUniqueId());
        olivia.performCommand("cad status");
        tickUntilSaid(said, "Identities");
        assertThat(String.join("\n", said.lines())).containsPattern("Identities[^\\n]*2 online");
    }

    /**
     * Issue 9 item 12 (being added on another branch): Paper disables plugins before it disconnects
     * players, so no quit event comes; the plugin applies quit.action to everyone still online.
     */
    @Test
    void stoppingTheServerAppliesTheQuitActionToEveryoneOnline() {
        start("quit.action", "kick");
        PaperLikePlayer pat = join("Pat");
        PaperLikePlayer olivia = joinOp("Olivia");
        server.beginStop();
        MockBukkit.unmock();
        assertThat(cad.deliveredKicks()).extracting(SandboxEvent.Kick::unitId, SandboxEvent.Kick::reason)
                .containsExactlyInAnyOrder(Tuple.tuple(pat.getUniqueId().toString(), "Left the game"),
                        Tuple.tuple(olivia.getUniqueId().toString(), "Left the game"));
    }

    @Test
    void disablingThePluginWhileTheServerRunsKicksNobody() {
        start("quit.action", "kick");
        join("Pat");
        server.getPluginManager().disablePlugin(plugin);
        assertThat(plugin.isEnabled()).isFalse();
        assertThat(cad.deliveredKicks()).isEmpty();
    }
}
