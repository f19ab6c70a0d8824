package dev.cadbridge.command;

import static dev.cadbridge.testing.PluginOnSandbox.says;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.cadbridge.sandbox.SandboxEndpoint;
import dev.cadbridge.sandbox.SandboxRequest;
import dev.cadbridge.sonoran.ApiGeneration;
import dev.cadbridge.testing.FakePlayer;
import dev.cadbridge.testing.PluginOnSandbox;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** /cad note end to end against the sandbox CAD. */
class NoteCommandTest {
    private final PluginOnSandbox plugin = new PluginOnSandbox();

    @AfterEach
    void stop() {
        plugin.close();
    }

    private List<SandboxRequest> notes() {
        return plugin.cad.requestsTo(SandboxEndpoint.V2_CALL_NOTE);
    }

    @Test
    void aNoteReachesTheCallAsDocumentedWithTheStaffMemberAsItsLabel() {
        plugin.start(ApiGeneration.V2);
        FakePlayer sam = plugin.h.join(plugin.h.staff("Sam").grant(Permissions.STAFF_NOTE));
        long callId = plugin.cad.addCall("Armed Robbery");

        plugin.h.run(sam, "note " + callId + " Suspect fled north in a <red>red</red> minecart");

        plugin.eventually(says(sam, "[CAD] Added your note to call #" + callId + "."));
        assertThat(notes()).singleElement().satisfies(request -> {
            assertThat(request.method()).isEqualTo("POST");
            assertThat(request.path()).isEqualTo("/v2/emergency/servers/1/dispatch-calls/" + callId + "/notes");
            JsonObject body = JsonParser.parseString(request.body()).getAsJsonObject();
            assertThat(body.get("note").getAsString()).isEqualTo("Suspect fled north in a <red>red</red> minecart");
            assertThat(body.get("noteType").getAsString()).isEqualTo("text");
            assertThat(body.get("label").getAsString()).isEqualTo("Sam");
        });
        assertThat(plugin.cad.call(callId).orElseThrow().notes()).contains("Suspect fled north");
        assertThat(plugin.cad.violations()).isEmpty();
    }

    @Test
    void aCallTheCadDoesNotHaveIsAnsweredTruthfully() {
        plugin.start(ApiGeneration.V2);
        FakePlayer sam = plugin.h.join(plugin.h.staff("Sam").grant(Permissions.STAFF_NOTE));

        plugin.h.run(sam, "note 4242 anything");

        plugin.eventually(says(sam, "[CAD] The CAD has no open call #4242, so the note was not added."));
        assertThat(notes()).hasSize(1);
    }

    @Test
    void badInputIsRefusedBeforeAnythingIsSent() {
        plugin.start(ApiGeneration.V2);
        FakePlayer sam = plugin.h.join(plugin.h.staff("Sam").grant(Permissions.STAFF_NOTE));

        plugin.h.run(sam, "note 12");
        assertThat(sam.lastMessage()).isEqualTo("[CAD] Usage: /cad note <callId> <text>");
        plugin.h.run(sam, "note twelve some text");
        assertThat(sam.lastMessage()).startsWith("[CAD] Not sent: callId");
        plugin.h.run(sam, "note 12 " + "x".repeat(4001));
        assertThat(sam.lastMessage()).startsWith("[CAD] Not sent: note");

        assertThat(notes()).isEmpty();
    }

    @Test
    void playersWithoutThePermissionAreRefusedAndV1SaysItNeedsTheCurrentApi() {
        plugin.start(ApiGeneration.V1);
        FakePlayer alex = plugin.h.join(plugin.h.player("Alex"));
        FakePlayer sam = plugin.h.join(plugin.h.staff("Sam").grant(Permissions.STAFF_NOTE));

        plugin.h.run(alex, "note 12 hello");
        plugin.h.run(sam, "note 12 hello");

        assertThat(alex.lastMessage()).isEqualTo("[CAD] You do not have permission to do that.");
        assertThat(sam.lastMessage()).isEqualTo("[CAD] /cad note needs the current Sonoran CAD API (v2); this server uses v1 (sonoran.api-generation in config.yml).");
        assertThat(plugin.cad.requests()).noneMatch(request -> request.path().contains("notes"));
    }

    @Test
    void aNoteWhoseAnswerIsLostIsNeverSentTwiceAndNotCalledACreatedCall() {
        plugin.start(ApiGeneration.V2);
        FakePlayer sam = plugin.h.join(plugin.h.staff("Sam").grant(Permissions.STAFF_NOTE));
        long callId = plugin.cad.addCall("Armed Robbery");
        plugin.cad.awaitRequestsTo(SandboxEndpoint.V2_VERSION, 1); // the start-up credential check
        plugin.cad.inject(dev.cadbridge.sandbox.SandboxFault.resetMidResponse(), 1);

        plugin.h.run(sam, "note " + callId + " Suspect fled north");

        plugin.eventually(() -> sam.lastMessage().startsWith("[CAD] The CAD's answer does not say whether that was done"));
        assertThat(notes()).hasSize(1);
    }
}
