package dev.cadbridge.paper;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cadbridge.sandbox.SandboxEvent;
import dev.cadbridge.sonoran.ApiGeneration;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The same plugin on the legacy v1 API. */
class V1Test extends PaperServerTest {
    private PaperLikePlayer pat;
    private PaperLikePlayer olivia;
    private Inbox patSaid;
    private Inbox oliviaSaid;

    @BeforeEach
    void startPlugin() {
        start(ApiGeneration.V1, "quit.action", "kick");
        pat = join("Pat");
        olivia = joinOp("Olivia");
        patSaid = inbox(pat);
        oliviaSaid = inbox(olivia);
    }

    @Test
    void attachAndKickGoToTheV1Endpoints() {
        long call = cad.addCall("Robbery");
        pat.performCommand("cad attach " + call);
        tickUntilSaid(patSaid, "Attached");
        olivia.performCommand("cad kick Pat Radio check");
        tickUntilSaid(oliviaSaid, "community menu");
        assertThat(cad.attachments()).extracting(SandboxEvent.Attachment::generation, SandboxEvent.Attachment::unitId)
                .containsExactly(Tuple.tuple(ApiGeneration.V1, pat.getUniqueId().toString()));
        assertThat(cad.deliveredKicks()).extracting(SandboxEvent.Kick::generation, SandboxEvent.Kick::reason)
                .containsExactly(Tuple.tuple(ApiGeneration.V1, "Radio check"));
        assertThat(cad.requests()).allSatisfy(request -> assertThat(request.path()).startsWith("/emergency/"));
    }

    @Test
    void linkWithoutAnIdExplainsWhatV1Needs() {
        pat.addAttachment(plugin, "cadbridge.link.own-api-id", true);
        pat.performCommand("cad link");
        assertThat(patSaid.lines()).containsExactly(
                "[CAD] This server uses the v1 API: run /cad link <apiId> with the API ID from your CAD account settings.");
    }

    @Test
    void anOpSetsTheirOwnApiIdAndIsSentAsIt() {
        olivia.performCommand("cad link OFFICER-7");
        tickUntilSaid(oliviaSaid, "API ID is now");
        assertThat(oliviaSaid.last()).isEqualTo("[CAD] Your CAD API ID is now OFFICER-7.");
        olivia.performCommand("cad kick Olivia");
        tickUntil(() -> cad.deliveredKicks().size() == 1);
        assertThat(cad.deliveredKicks().get(0).unitId()).isEqualTo("OFFICER-7");
    }

    @Test
    void quittingKicksTheUnitOverV1() {
        pat.disconnect();
        tickUntil(() -> !cad.deliveredKicks().isEmpty());
        assertThat(cad.deliveredKicks()).extracting(SandboxEvent.Kick::generation, SandboxEvent.Kick::unitId, SandboxEvent.Kick::reason)
                .containsExactly(Tuple.tuple(ApiGeneration.V1, pat.getUniqueId().toString(), "Left the game"));
    }

    /**
     * Issue 9 item 14 (being changed on another branch): setting your own v1 API ID needs its own
     * permission, default op, so a plain player cannot take another member's unit.
     */
    @Test
    void aPlainPlayerCannotSetTheirOwnApiId() {
        pat.performCommand("cad link SOMEONE-ELSE");
        ticks(5);
        assertThat(patSaid.lines()).containsExactly("[CAD] You do not have permission to do that.");
    }
}
