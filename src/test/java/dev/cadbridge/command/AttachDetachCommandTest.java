package dev.cadbridge.command;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cadbridge.sonoran.AttachUnits;
import dev.cadbridge.sonoran.CadResult;
import dev.cadbridge.sonoran.DetachUnits;
import dev.cadbridge.sonoran.FailureKind;
import dev.cadbridge.testing.FakePlayer;
import dev.cadbridge.testing.Harness;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AttachDetachCommandTest {
    private Harness h;
    private FakePlayer alex;
    private FakePlayer sam;

    @BeforeEach
    void start() {
        h = new Harness().start();
        alex = h.join(h.player("Alex"));
        sam = h.join(h.player("Sam"));
    }

    @Test
    void aPlayerAttachesThemselvesAndHearsSendingThenTheOutcome() {
        h.run(alex, "attach 42");

        assertThat(h.cad.received()).containsExactly(new AttachUnits(42, List.of(alex.uniqueId().toString())));
        assertThat(alex.messages()).containsExactly("[CAD] Sending to the CAD…", "[CAD] Attached Alex to call #42.");
    }

    @Test
    void theOutcomeArrivesWhenTheCadAnswersNotBefore() {
        h.cad.holdAnswers();
        h.run(alex, "attach 42");
        assertThat(alex.messages()).containsExactly("[CAD] Sending to the CAD…");

        h.cad.releaseHeld(new CadResult.Delivered(java.util.OptionalLong.empty()));
        h.platform.runMainTasks();
        assertThat(alex.lastMessage()).isEqualTo("[CAD] Attached Alex to call #42.");
    }

    @Test
    void noOutcomeIsSentToAPlayerWhoLeftBeforeTheCadAnswered() {
        h.cad.holdAnswers();
        h.run(alex, "attach 42");
        h.quit(alex);
        alex.clearMessages();

        h.cad.releaseHeld(new CadResult.Delivered(java.util.OptionalLong.empty()));
        h.platform.runMainTasks();
        assertThat(alex.messages()).isEmpty();
    }

    @Test
    void aRefusalIsReportedWithTheVendorsTraceId() {
        h.cad.answerWith(new CadResult.Failed(FailureKind.PLAN, "your plan does not include attach", "trace-9"));
        h.run(alex, "attach 42");
        assertThat(alex.lastMessage()).isEqualTo("[CAD] The CAD did not accept that: your plan does not include attach (trace id trace-9)");
    }

    @Test
    void expiredAndUnknownOutcomesAreToldApart() {
        h.cad.answerWith(new CadResult.Expired("waited 10 minutes"));
        h.run(alex, "attach 42");
        assertThat(alex.lastMessage()).contains("could not be reached in time, so nothing was sent");

        h.clock.advance(java.time.Duration.ofSeconds(5));
        h.cad.answerWith(new CadResult.OutcomeUnknown("the CAD answered HTTP 200 without the 'identIds' list"));
        h.run(alex, "attach 43");
        assertThat(alex.lastMessage()).as("an attach creates no call")
                .isEqualTo("[CAD] The CAD's answer does not say whether that was done: the CAD answered HTTP 200 without the 'identIds' list");
    }

    @Test
    void staffAttachOthersInOneRequest() {
        FakePlayer officer = h.join(h.staff("Officer"));
        h.run(officer, "attach 7 Alex Sam");

        assertThat(h.cad.received()).containsExactly(
                new AttachUnits(7, List.of(alex.uniqueId().toString(), sam.uniqueId().toString())));
        assertThat(officer.lastMessage()).isEqualTo("[CAD] Attached Alex, Sam to call #7.");
    }

    @Test
    void aPlayerWithoutTheStaffPermissionCannotAttachOthers() {
        h.run(alex, "attach 7 Sam");
        assertThat(h.cad.received()).isEmpty();
        assertThat(alex.lastMessage()).isEqualTo("[CAD] You do not have permission to do that.");
    }

    @Test
    void aPlayerWithoutStaffRightsCannotTellWhetherAnotherPlayerIsOnline() {
        // Sam is online, Ghost is offline (or vanished): both answers must be the same refusal.
        for (String line : List.of("detach Sam", "detach Ghost", "detach Alex Ghost", "attach 7 Sam", "attach 7 Ghost", "attach 7 Alex Ghost")) {
            alex.clearMessages();
            h.run(alex, line);
            assertThat(alex.messages()).as(line).containsExactly("[CAD] You do not have permission to do that.");
        }
        assertThat(h.cad.received()).isEmpty();
    }

    @Test
    void namingYourselfNeedsNoStaffPermission() {
        h.run(alex, "attach 7 alex");
        assertThat(h.cad.received()).containsExactly(new AttachUnits(7, List.of(alex.uniqueId().toString())));
    }

    @Test
    void aPlayerWithoutTheUsePermissionCannotAttach() {
        alex.revoke(Permissions.USE_ATTACH);
        h.run(alex, "attach 7");
        assertThat(h.cad.received()).isEmpty();
        assertThat(alex.lastMessage()).isEqualTo("[CAD] You do not have permission to do that.");
    }

    @Test
    void badCallIdsAreNamedAndNothingIsSent() {
        h.run(alex, "attach abc");
        assertThat(alex.lastMessage()).isEqualTo("[CAD] Not sent: callId: \"abc\" is not a positive whole number");
        h.run(alex, "attach 0");
        assertThat(alex.lastMessage()).isEqualTo("[CAD] Not sent: callId: 0 must be a positive number");
        h.run(alex, "attach -5");
        assertThat(alex.lastMessage()).contains("callId: \"-5\" is not a positive whole number");
        h.run(alex, "attach 99999999999999999999");
        assertThat(alex.lastMessage()).contains("callId: \"99999999999999999999\" is too large");
        assertThat(h.cad.received()).isEmpty();
    }

    @Test
    void missingCallIdShowsUsage() {
        h.run(alex, "attach");
        assertThat(alex.lastMessage()).isEqualTo("[CAD] Usage: /cad attach <callId> [player...]");
    }

    @Test
    void anOfflinePlayerIsNamed() {
        FakePlayer officer = h.join(h.staff("Officer"));
        h.run(officer, "attach 7 Alex Nobody");
        assertThat(officer.lastMessage()).isEqualTo("[CAD] No online player is named Nobody.");
        assertThat(h.cad.received()).isEmpty();
    }

    @Test
    void theConsoleMustNamePlayers() {
        h.run(h.console, "attach 7");
        assertThat(h.console.lastMessage())
                .isEqualTo("[CAD] Only a player can do that alone; from the console use: /cad attach <callId> [player...]");
        h.run(h.console, "attach 7 Sam");
        assertThat(h.cad.received()).containsExactly(new AttachUnits(7, List.of(sam.uniqueId().toString())));
    }

    @Test
    void detachYourselfOthersAndFromTheConsole() {
        h.run(alex, "detach");
        assertThat(h.cad.received()).containsExactly(new DetachUnits(List.of(alex.uniqueId().toString())));
        assertThat(alex.lastMessage()).isEqualTo("[CAD] Detached Alex from their call.");

        h.run(alex, "detach Sam");
        assertThat(alex.lastMessage()).isEqualTo("[CAD] You do not have permission to do that.");

        h.run(h.console, "detach Alex Sam");
        assertThat(h.cad.received()).hasSize(2).last()
                .isEqualTo(new DetachUnits(List.of(alex.uniqueId().toString(), sam.uniqueId().toString())));

        h.run(h.console, "detach");
        assertThat(h.console.lastMessage()).contains("from the console use: /cad detach [player...]");
    }

    @Test
    void completionOffersOnlinePlayersOnlyToStaff() {
        FakePlayer officer = h.join(h.staff("Officer"));
        assertThat(h.complete(officer, "attach 7 ")).containsExactly("Alex", "Officer", "Sam");
        assertThat(h.complete(officer, "attach 7 s")).containsExactly("Sam");
        assertThat(h.complete(alex, "attach 7 ")).isEmpty();
        assertThat(h.complete(officer, "detach a")).containsExactly("Alex");
    }
}
