package dev.cadbridge.command;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cadbridge.sonoran.CloseCall;
import dev.cadbridge.sonoran.KickUnit;
import dev.cadbridge.testing.FakePlayer;
import dev.cadbridge.testing.Harness;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class KickCloseCommandTest {
    private Harness h;
    private FakePlayer alex;
    private FakePlayer officer;

    @BeforeEach
    void start() {
        h = new Harness().configure("commands.kick-default-reason", "Shift over").start();
        alex = h.join(h.player("Alex"));
        officer = h.join(h.staff("Officer"));
    }

    @Test
    void kickWithAReasonOfSeveralWords() {
        h.run(officer, "kick Alex Left the roleplay area");
        assertThat(h.cad.received()).containsExactly(new KickUnit(alex.uniqueId().toString(), "Left the roleplay area"));
        assertThat(officer.messages()).containsExactly("[CAD] Sending to the CAD…",
                "[CAD] Sent Alex back to the community menu (Left the roleplay area).");
    }

    @Test
    void kickWithoutAReasonUsesTheConfiguredOne() {
        h.run(h.console, "kick alex");
        assertThat(h.cad.received()).containsExactly(new KickUnit(alex.uniqueId().toString(), "Shift over"));
    }

    @Test
    void kickNeedsStaffPermissionAPlayerAndAnOnlineTarget() {
        h.run(alex, "kick Officer");
        assertThat(alex.lastMessage()).isEqualTo("[CAD] You do not have permission to do that.");
        h.run(officer, "kick");
        assertThat(officer.lastMessage()).isEqualTo("[CAD] Usage: /cad kick <player> [reason...]");
        h.run(officer, "kick Ghost");
        assertThat(officer.lastMessage()).isEqualTo("[CAD] No online player is named Ghost.");
        assertThat(h.cad.received()).isEmpty();
    }

    @Test
    void anOverlongReasonIsRefusedNamingTheField() {
        h.run(officer, "kick Alex " + "x".repeat(300));
        assertThat(officer.lastMessage()).isEqualTo("[CAD] Not sent: reason: is 300 characters long; the limit is 255");
        assertThat(h.cad.received()).isEmpty();
    }

    @Test
    void kickCompletesPlayerNamesForTheFirstArgumentOnly() {
        assertThat(h.complete(officer, "kick ")).containsExactly("Alex", "Officer");
        assertThat(h.complete(officer, "kick Alex ")).isEmpty();
    }

    @Test
    void closeACall() {
        h.run(officer, "close 1001");
        assertThat(h.cad.received()).containsExactly(new CloseCall(1001));
        assertThat(officer.lastMessage()).isEqualTo("[CAD] Closed call #1001.");
    }

    @Test
    void closeRefusesBadInputAndPlayersWithoutPermission() {
        h.run(officer, "close");
        assertThat(officer.lastMessage()).isEqualTo("[CAD] Usage: /cad close <callId>");
        h.run(officer, "close 12 13");
        assertThat(officer.lastMessage()).isEqualTo("[CAD] Usage: /cad close <callId>");
        h.run(officer, "close twelve");
        assertThat(officer.lastMessage()).isEqualTo("[CAD] Not sent: callId: \"twelve\" is not a positive whole number");
        h.run(alex, "close 12");
        assertThat(alex.lastMessage()).isEqualTo("[CAD] You do not have permission to do that.");
        assertThat(h.cad.received()).isEmpty();
    }

    @Test
    void theConsoleClosesCallsWithoutACooldown() {
        h.run(h.console, "close 1");
        h.run(h.console, "close 2");
        h.run(h.console, "close 3");
        assertThat(h.cad.received()).containsExactly(new CloseCall(1), new CloseCall(2), new CloseCall(3));
    }
}
