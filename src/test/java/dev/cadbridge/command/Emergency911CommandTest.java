package dev.cadbridge.command;

import static dev.cadbridge.testing.PluginOnSandbox.says;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.cadbridge.sandbox.SandboxEndpoint;
import dev.cadbridge.sandbox.SandboxFault;
import dev.cadbridge.sandbox.SandboxRequest;
import dev.cadbridge.sonoran.ApiGeneration;
import dev.cadbridge.sonoran.OperationType;
import dev.cadbridge.testing.FakePlayer;
import dev.cadbridge.testing.PluginOnSandbox;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** /cad 911 end to end against the sandbox CAD. */
class Emergency911CommandTest {
    private final PluginOnSandbox plugin = new PluginOnSandbox();

    @AfterEach
    void stop() {
        plugin.close();
    }

    private List<SandboxRequest> calls() {
        return plugin.cad.requestsTo(OperationType.EMERGENCY_911);
    }

    @Test
    void aPlayersCallReachesTheDispatchersFromWhereTheyStandAndTheReplyNamesItsNumber() {
        plugin.start(ApiGeneration.V2);
        FakePlayer alex = plugin.h.join(plugin.h.player("Alex").at(120, 64, -45));

        plugin.h.run(alex, "911 Shots fired near the bank");

        plugin.eventually(() -> alex.messages().stream().anyMatch(line -> line.matches("\\[CAD] Your 911 call #\\d+ reached the dispatchers\\.")));
        assertThat(calls()).hasSize(1);
        JsonObject body = JsonParser.parseString(calls().get(0).body()).getAsJsonObject();
        assertThat(body.get("caller").getAsString()).isEqualTo("Alex");
        assertThat(body.get("location").getAsString()).isEqualTo("120, -45");
        assertThat(body.get("description").getAsString()).isEqualTo("Shots fired near the bank");
        assertThat(body.get("isEmergency").getAsBoolean()).isTrue();
        JsonObject position = body.getAsJsonObject("metaData");
        assertThat(List.of(position.get("x").getAsString(), position.get("y").getAsString(), position.get("z").getAsString()))
                .containsExactly("120", "64", "-45");
        long callId = plugin.cad.createdCalls().get(0).callId();
        assertThat(alex.messages()).contains("[CAD] Your 911 call #" + callId + " reached the dispatchers.");
        assertThat(plugin.cad.violations()).isEmpty();
    }

    @Test
    void oneCallPerMinuteAndPlayerByDefault() {
        plugin.start(ApiGeneration.V2);
        FakePlayer alex = plugin.h.join(plugin.h.player("Alex"));
        FakePlayer sam = plugin.h.join(plugin.h.player("Sam"));
        plugin.h.run(alex, "911 Car crash");
        plugin.eventually(() -> calls().size() == 1);

        plugin.h.clock.advance(Duration.ofSeconds(59));
        plugin.h.run(alex, "911 Another crash");
        plugin.h.run(sam, "911 I saw it too");
        plugin.eventually(() -> calls().size() == 2);
        assertThat(alex.lastMessage()).isEqualTo("[CAD] You called the dispatchers a moment ago; you can call again in 1s.");

        plugin.h.clock.advance(Duration.ofSeconds(1));
        plugin.h.run(alex, "911 Another crash");
        plugin.eventually(() -> calls().size() == 3);
    }

    @Test
    void nothingIsSentForAnEmptyCallOrFromTheConsoleAndThatStartsNoCooldown() {
        plugin.start(ApiGeneration.V2);
        FakePlayer alex = plugin.h.join(plugin.h.player("Alex"));

        plugin.h.run(alex, "911");
        plugin.h.run(plugin.h.console, "911 help");
        plugin.h.run(alex, "911 Fire on Main Street");

        assertThat(alex.messages()).contains("[CAD] Usage: /cad 911 <what is happening>");
        assertThat(plugin.h.console.lastMessage()).contains("Only a player can do that alone");
        plugin.eventually(() -> calls().size() == 1);
        plugin.eventually(says(alex, "[CAD] Your 911 call #" + plugin.cad.createdCalls().get(0).callId() + " reached the dispatchers."));
    }

    @Test
    void theV1ApiHasNo911AndSaysSo() {
        plugin.start(ApiGeneration.V1);
        FakePlayer alex = plugin.h.join(plugin.h.player("Alex"));

        plugin.h.run(alex, "911 Shots fired");

        plugin.eventually(says(alex, "[CAD] The CAD did not accept that: the v1 API has no 911 call; set the API version to v2 in config.yml"));
        assertThat(plugin.cad.requests()).noneMatch(request -> request.path().contains("911"));
    }

    @Test
    void aCallWhoseAnswerIsLostIsReportedAsUnknownAndNeverSentTwice() {
        plugin.start(ApiGeneration.V2);
        FakePlayer alex = plugin.h.join(plugin.h.player("Alex"));
        plugin.cad.awaitRequestsTo(SandboxEndpoint.V2_VERSION, 1); // the start-up credential check
        plugin.cad.inject(SandboxFault.resetMidResponse(), 1);

        plugin.h.run(alex, "911 Shots fired");

        plugin.eventually(says(alex, "[CAD] The CAD did not answer in time; the call may have been created. Check the CAD before trying again."));
        assertThat(calls()).hasSize(1);
        assertThat(plugin.cad.createdCalls()).hasSize(1);
    }

    @Test
    void a311CallGoesOutOnThe911RouteAsNotAnEmergencyAndSharesThe911Cooldown() {
        plugin.start(ApiGeneration.V2);
        FakePlayer alex = plugin.h.join(plugin.h.player("Alex").at(5, 70, 6));

        plugin.h.run(alex, "311 my neighbour's dog keeps barking");

        plugin.eventually(() -> alex.messages().stream().anyMatch(line -> line.matches("\\[CAD] Your non-emergency call #\\d+ reached the dispatchers\\.")));
        assertThat(calls()).hasSize(1);
        JsonObject body = JsonParser.parseString(calls().get(0).body()).getAsJsonObject();
        assertThat(body.get("isEmergency").getAsBoolean()).isFalse();
        assertThat(body.get("description").getAsString()).isEqualTo("my neighbour's dog keeps barking");
        assertThat(body.get("location").getAsString()).isEqualTo("5, 6");

        plugin.h.clock.advance(Duration.ofSeconds(30));
        plugin.h.run(alex, "911 now it bit me");
        assertThat(alex.lastMessage()).isEqualTo("[CAD] You called the dispatchers a moment ago; you can call again in 30s.");
        assertThat(calls()).hasSize(1);
        assertThat(plugin.cad.violations()).isEmpty();
    }

    @Test
    void a311CallNeedsItsOwnPermissionAndTheCurrentApi() {
        plugin.start(ApiGeneration.V1);
        FakePlayer alex = plugin.h.join(plugin.h.player("Alex").revoke(Permissions.USE_311));
        FakePlayer bea = plugin.h.join(plugin.h.player("Bea"));

        plugin.h.run(alex, "311 lost cat");
        plugin.h.run(bea, "311 lost cat");

        assertThat(alex.lastMessage()).isEqualTo("[CAD] You do not have permission to do that.");
        assertThat(bea.lastMessage()).isEqualTo("[CAD] /cad 311 needs the current Sonoran CAD API (v2); this server uses v1 (sonoran.api-generation in config.yml).");
        assertThat(plugin.cad.requests()).noneMatch(request -> request.path().contains("911"));
        // refused before sending: no cooldown started
        plugin.h.run(bea, "911 lost cat");
        assertThat(bea.messages()).noneMatch(line -> line.contains("a moment ago"));
    }

    @Test
    void staffRemoveA911CallAndAnUnknownCallIsAnsweredAsSuch() {
        plugin.start(ApiGeneration.V2);
        FakePlayer alex = plugin.h.join(plugin.h.player("Alex"));
        FakePlayer sam = plugin.h.join(plugin.h.staff("Sam").grant(Permissions.STAFF_911_REMOVE));
        plugin.h.run(alex, "911 prank call");
        plugin.eventually(() -> plugin.cad.createdCalls().size() == 1);
        long callId = plugin.cad.createdCalls().get(0).callId();
        long dispatchCall = plugin.cad.addCall("A dispatch call, not a 911 call");

        plugin.h.run(sam, "911 remove " + callId);
        plugin.eventually(says(sam, "[CAD] Removed 911 call #" + callId + "."));
        plugin.h.run(sam, "911 remove " + dispatchCall);
        plugin.eventually(says(sam, "[CAD] The CAD has no open 911 call #" + dispatchCall + ", so nothing was removed."));

        List<SandboxRequest> removals = plugin.cad.requestsTo(SandboxEndpoint.V2_REMOVE_911);
        assertThat(removals).extracting(SandboxRequest::method).containsOnly("DELETE");
        assertThat(removals.get(0).path()).isEqualTo("/v2/emergency/servers/1/calls/911/" + callId);
        assertThat(plugin.cad.call(callId).orElseThrow().status()).isEqualTo(dev.cadbridge.sandbox.SandboxCall.CLOSED);
        assertThat(plugin.cad.call(dispatchCall).orElseThrow().status()).isNotEqualTo(dev.cadbridge.sandbox.SandboxCall.CLOSED);
        assertThat(plugin.cad.violations()).isEmpty();
    }

    @Test
    void withoutThePermissionRemoveIsRefusedAndNotSentAsA911CallSayingRemove() {
        plugin.start(ApiGeneration.V2);
        FakePlayer alex = plugin.h.join(plugin.h.player("Alex"));

        plugin.h.run(alex, "911 remove 1001");

        assertThat(alex.lastMessage()).isEqualTo("[CAD] You do not have permission to do that.");
        assertThat(plugin.cad.requests()).noneMatch(request -> request.path().contains("911"));
    }

    @Test
    void onV1RemoveSaysItNeedsTheCurrentApi() {
        plugin.start(ApiGeneration.V1);
        FakePlayer sam = plugin.h.join(plugin.h.staff("Sam").grant(Permissions.STAFF_911_REMOVE));

        plugin.h.run(sam, "911 remove 1001");

        assertThat(sam.lastMessage()).isEqualTo("[CAD] /cad 911 remove needs the current Sonoran CAD API (v2); this server uses v1 (sonoran.api-generation in config.yml).");
    }

    @Test
    void helpAndCompletionShowTheRemoveFormOnlyToThoseWhoMayRemove() {
        plugin.start(ApiGeneration.V2);
        FakePlayer remover = plugin.h.join(new FakePlayer("Rae").grant(Permissions.STAFF_911_REMOVE, Permissions.USE_HELP));
        FakePlayer alex = plugin.h.join(plugin.h.player("Alex"));

        plugin.h.run(remover, "help");
        plugin.h.run(alex, "help");

        assertThat(remover.messages()).contains("/cad 911 remove <id> — remove a 911 call");
        assertThat(alex.messages()).contains("/cad 911 <what is happening> — call 911 from where you stand")
                .noneMatch(line -> line.contains("remove"));
        assertThat(plugin.h.complete(remover, "911 ")).containsExactly("remove");
        assertThat(plugin.h.complete(alex, "911 ")).isEmpty();
    }
}
