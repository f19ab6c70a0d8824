package dev.cadbridge.command;

import static dev.cadbridge.testing.PluginOnSandbox.says;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cadbridge.sandbox.SandboxEvent;
import dev.cadbridge.sonoran.ApiGeneration;
import dev.cadbridge.sonoran.CadResult;
import dev.cadbridge.testing.FakePlayer;
import dev.cadbridge.testing.Harness;
import dev.cadbridge.testing.PluginOnSandbox;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Commands report what the CAD did, read from its v2 answer (the ids it acted on), through the real
 * client against the sandbox: a unit that is not logged in, or a call that does not exist, is left
 * out of the answer and the player is told so, never "done".
 */
class CadAnswerTruthTest {
    private final PluginOnSandbox plugin = new PluginOnSandbox();

    @AfterEach
    void stop() {
        plugin.close();
    }

    private static String id(FakePlayer player) {
        return player.uniqueId().toString();
    }

    @Test
    void closingACallTheCadDoesNotHaveSaysSo() {
        plugin.start(ApiGeneration.V2);
        FakePlayer officer = plugin.h.join(plugin.h.staff("Officer"));

        plugin.h.run(officer, "close 99999");

        plugin.eventually(says(officer, "[CAD] The CAD has no call #99999, so nothing was closed."));
        assertThat(officer.messages()).doesNotContain("[CAD] Closed call #99999.");
        assertThat(plugin.cad.closedCalls()).isEmpty();

        long callId = plugin.cad.addCall("Bank alarm");
        plugin.h.run(officer, "close " + callId);
        plugin.eventually(says(officer, "[CAD] Closed call #" + callId + "."));
    }

    @Test
    void attachingAUnitThatIsNotLoggedInSaysSo() {
        plugin.start(ApiGeneration.V2);
        FakePlayer alex = plugin.h.join(plugin.h.player("Alex"));
        long callId = plugin.cad.addCall("Robbery");
        plugin.cad.logOff(id(alex));

        plugin.h.run(alex, "attach " + callId);

        plugin.eventually(says(alex, "[CAD] Not logged in to the CAD, so not attached to call #" + callId + ": Alex"));
        assertThat(alex.messages()).doesNotContain("[CAD] Attached Alex to call #" + callId + ".");
        assertThat(plugin.cad.attachments()).isEmpty();

        plugin.cad.logIn(id(alex));
        plugin.h.run(alex, "attach " + callId);
        plugin.eventually(says(alex, "[CAD] Attached Alex to call #" + callId + "."));
        assertThat(plugin.cad.attachments()).extracting(SandboxEvent.Attachment::unitId).containsExactly(id(alex));
    }

    @Test
    void attachingSeveralWhenSomeAreNotLoggedInSaysHowManyWereAttached() {
        plugin.start(ApiGeneration.V2);
        FakePlayer officer = plugin.h.join(plugin.h.staff("Officer"));
        FakePlayer alex = plugin.h.join(plugin.h.player("Alex"));
        FakePlayer sam = plugin.h.join(plugin.h.player("Sam"));
        long callId = plugin.cad.addCall("Robbery");
        plugin.cad.logOff(id(sam));

        plugin.h.run(officer, "attach " + callId + " Alex Sam");

        plugin.eventually(says(officer, "[CAD] The CAD attached only 1 of 2 (Alex, Sam) to call #" + callId
                + "; the others are not logged in to the CAD, and it does not say which."));
        assertThat(plugin.cad.attachments()).extracting(SandboxEvent.Attachment::unitId).containsExactly(id(alex));
    }

    @Test
    void detachingAUnitThatIsNotLoggedInSaysSo() {
        plugin.start(ApiGeneration.V2);
        FakePlayer alex = plugin.h.join(plugin.h.player("Alex"));
        plugin.cad.logOff(id(alex));

        plugin.h.run(alex, "detach");

        plugin.eventually(says(alex, "[CAD] Not logged in to the CAD, so not detached: Alex"));
        assertThat(alex.messages()).doesNotContain("[CAD] Detached Alex from their call.");
        assertThat(plugin.cad.detachments()).isEmpty();
    }

    @Test
    void v1KeepsItsTextAnswers() {
        plugin.start(ApiGeneration.V1);
        FakePlayer officer = plugin.h.join(plugin.h.staff("Officer"));
        long callId = plugin.cad.addCall("Bank alarm");

        plugin.h.run(officer, "close " + callId);

        plugin.eventually(says(officer, "[CAD] Closed call #" + callId + "."));
    }

    @Test
    void onlyANewDispatchIsSaidToHaveMaybeCreatedACall() {
        Harness h = new Harness().start();
        FakePlayer officer = h.join(h.staff("Officer"));
        h.cad.answerWith(new CadResult.OutcomeUnknown("timed out after sending"));

        h.run(officer, "dispatch Robbery");

        assertThat(officer.lastMessage()).isEqualTo(
                "[CAD] The CAD did not answer in time; the call may have been created. Check the CAD before trying again.");
    }
}
