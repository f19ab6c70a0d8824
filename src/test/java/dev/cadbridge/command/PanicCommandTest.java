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
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** /cad panic end to end against the sandbox CAD. */
class PanicCommandTest {
    private final PluginOnSandbox plugin = new PluginOnSandbox();

    @AfterEach
    void stop() {
        plugin.close();
    }

    private List<SandboxRequest> panics() {
        return plugin.cad.requestsTo(OperationType.UNIT_PANIC);
    }

    private static JsonObject body(SandboxRequest request) {
        return JsonParser.parseString(request.body()).getAsJsonObject();
    }

    private static boolean isPanic(SandboxRequest request) {
        return body(request).get("isPanic").getAsBoolean();
    }

    private static List<String> units(SandboxRequest request) {
        List<String> units = new ArrayList<>();
        body(request).getAsJsonArray("communityUserIds").forEach(unit -> units.add(unit.getAsString()));
        return units;
    }

    private static String id(FakePlayer player) {
        return player.uniqueId().toString();
    }

    @Test
    void panicOnAndOffReachTheCadAsDocumented() {
        plugin.start(ApiGeneration.V2);
        FakePlayer alex = plugin.h.join(plugin.h.player("Alex"));

        plugin.h.run(alex, "panic on");
        plugin.eventually(says(alex, "[CAD] Panic button pressed for Alex: the dispatchers see it."));
        plugin.h.run(alex, "panic off");
        plugin.eventually(says(alex, "[CAD] Panic cleared for Alex."));

        assertThat(panics()).hasSize(2);
        assertThat(panics().get(0).method()).isEqualTo("PATCH");
        assertThat(panics().get(0).path()).isEqualTo("/v2/emergency/servers/1/units/panic");
        assertThat(panics()).extracting(PanicCommandTest::units).containsExactly(List.of(id(alex)), List.of(id(alex)));
        assertThat(panics()).extracting(PanicCommandTest::isPanic).containsExactly(true, false);
        assertThat(plugin.cad.violations()).isEmpty();
    }

    @Test
    void withoutOnOrOffTheButtonTogglesWhatTheCadLastConfirmed() {
        plugin.start(ApiGeneration.V2);
        FakePlayer alex = plugin.h.join(plugin.h.player("Alex"));

        plugin.h.run(alex, "panic");
        plugin.eventually(() -> alex.messages().size() == 2 && alex.lastMessage().contains("Panic button pressed"));
        plugin.h.run(alex, "panic");
        plugin.eventually(says(alex, "[CAD] Panic cleared for Alex."));
        plugin.h.run(alex, "panic");
        plugin.eventually(() -> panics().size() == 3 && alex.lastMessage().contains("Panic button pressed"));

        assertThat(panics()).extracting(PanicCommandTest::isPanic).containsExactly(true, false, true);
    }

    @Test
    void aUnitNotLoggedInToTheCadIsToldSoAndItsToggleIsUnchanged() {
        plugin.start(ApiGeneration.V2);
        FakePlayer alex = plugin.h.join(plugin.h.player("Alex"));
        plugin.cad.logOff(id(alex));

        plugin.h.run(alex, "panic");
        plugin.eventually(says(alex, "[CAD] Not logged in to the CAD, so no panic was changed: Alex"));
        assertThat(alex.messages()).noneMatch(line -> line.contains("Panic button pressed"));

        plugin.cad.logIn(id(alex));
        plugin.h.run(alex, "panic");
        plugin.eventually(says(alex, "[CAD] Panic button pressed for Alex: the dispatchers see it."));
        assertThat(panics()).extracting(PanicCommandTest::isPanic).containsExactly(true, true);
    }

    @Test
    void theV1ApiHasNoPanicAndSaysSo() {
        plugin.start(ApiGeneration.V1);
        FakePlayer alex = plugin.h.join(plugin.h.player("Alex"));

        plugin.h.run(alex, "panic on");

        plugin.eventually(says(alex, "[CAD] The CAD did not accept that: the v1 API has no unit panic; set the API version to v2 in config.yml"));
        assertThat(plugin.cad.requests()).noneMatch(request -> request.path().contains("panic"));
    }

    @Test
    void staffPressTheButtonForAnotherPlayer() {
        plugin.start(ApiGeneration.V2);
        FakePlayer officer = plugin.h.join(plugin.h.staff("Officer"));
        FakePlayer alex = plugin.h.join(plugin.h.player("Alex"));

        plugin.h.run(officer, "panic on Alex");
        plugin.eventually(says(officer, "[CAD] Panic button pressed for Alex: the dispatchers see it."));
        plugin.h.run(officer, "panic Alex");
        plugin.eventually(says(officer, "[CAD] Panic cleared for Alex."));

        assertThat(panics()).extracting(PanicCommandTest::units).containsExactly(List.of(id(alex)), List.of(id(alex)));
        assertThat(panics()).extracting(PanicCommandTest::isPanic).containsExactly(true, false);
    }

    @Test
    void aPlainPlayerCannotPressAnotherPlayersButton() {
        plugin.start(ApiGeneration.V2);
        FakePlayer alex = plugin.h.join(plugin.h.player("Alex"));
        plugin.h.join(plugin.h.player("Sam"));

        plugin.h.run(alex, "panic on Sam");
        plugin.h.run(alex, "panic Sam");

        assertThat(alex.messages()).containsExactly("[CAD] You do not have permission to do that.",
                "[CAD] You do not have permission to do that.");
        plugin.h.run(alex, "panic on Alex");
        plugin.eventually(says(alex, "[CAD] Panic button pressed for Alex: the dispatchers see it."));
        assertThat(panics()).hasSize(1);
    }

    @Test
    void twentyPlayersPressingPanicInTheSameMomentGoAsOneRequest() {
        plugin.start(ApiGeneration.V2);
        FakePlayer officer = plugin.h.join(plugin.h.staff("Officer"));
        List<FakePlayer> players = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            players.add(plugin.h.join(plugin.h.player("Player" + i)));
        }
        plugin.cad.awaitRequestsTo(SandboxEndpoint.V2_VERSION, 1); // the start-up credential check
        // One request is on the wire while the players press: theirs queue behind it.
        plugin.cad.inject(SandboxFault.slow(Duration.ofMillis(500)), 1);
        plugin.h.run(officer, "detach");
        plugin.cad.awaitRequestsTo(SandboxEndpoint.V2_DETACH, 1);

        players.forEach(player -> plugin.h.run(player, "panic"));

        for (FakePlayer player : players) {
            plugin.eventually(says(player, "[CAD] Panic button pressed for " + player.name() + ": the dispatchers see it."));
        }
        assertThat(panics()).hasSize(1);
        assertThat(units(panics().get(0))).containsExactlyInAnyOrderElementsOf(players.stream().map(PanicCommandTest::id).toList());
        assertThat(plugin.cad.violations()).isEmpty();
    }

    @Test
    void whenSomeOfAMergedPanicAreNotLoggedInEachPlayerLearnsHisOwnAnswer() {
        plugin.start(ApiGeneration.V2);
        FakePlayer officer = plugin.h.join(plugin.h.staff("Officer"));
        FakePlayer alex = plugin.h.join(plugin.h.player("Alex"));
        FakePlayer sam = plugin.h.join(plugin.h.player("Sam"));
        FakePlayer kim = plugin.h.join(plugin.h.player("Kim"));
        plugin.cad.logOff(id(sam));
        plugin.cad.awaitRequestsTo(SandboxEndpoint.V2_VERSION, 1);
        plugin.cad.inject(SandboxFault.slow(Duration.ofMillis(500)), 1);
        plugin.h.run(officer, "detach");
        plugin.cad.awaitRequestsTo(SandboxEndpoint.V2_DETACH, 1);

        plugin.h.run(alex, "panic on");
        plugin.h.run(sam, "panic on");
        plugin.h.run(kim, "panic on");

        plugin.eventually(says(alex, "[CAD] Panic button pressed for Alex: the dispatchers see it."));
        plugin.eventually(says(kim, "[CAD] Panic button pressed for Kim: the dispatchers see it."));
        plugin.eventually(says(sam, "[CAD] Not logged in to the CAD, so no panic was changed: Sam"));
        assertThat(units(panics().get(0))).containsExactly(id(alex), id(sam), id(kim));
        assertThat(panics()).as("the merged request, then each alone to find out which was left out").hasSize(4);
    }

    @Test
    void helpAndTabCompletionOfferPanicOnlyToThoseWhoMayUseIt() {
        plugin.start(ApiGeneration.V2);
        FakePlayer officer = plugin.h.join(plugin.h.staff("Officer"));
        FakePlayer alex = plugin.h.join(plugin.h.player("Alex"));
        FakePlayer guest = plugin.h.join(plugin.h.player("Guest").revoke(Permissions.USE_PANIC));

        assertThat(plugin.h.complete(alex, "panic ")).containsExactly("off", "on");
        assertThat(plugin.h.complete(officer, "panic ")).containsExactly("off", "on", "Alex", "Guest", "Officer");
        assertThat(plugin.h.complete(officer, "panic on A")).containsExactly("Alex");
        assertThat(plugin.h.complete(alex, "panic on ")).isEmpty();

        plugin.h.run(alex, "help");
        plugin.h.run(guest, "help");
        assertThat(alex.messages()).anyMatch(line -> line.startsWith("/cad panic [on|off] [player]"));
        assertThat(guest.messages()).noneMatch(line -> line.contains("/cad panic"));
        plugin.h.run(guest, "panic");
        assertThat(guest.lastMessage()).isEqualTo("[CAD] You do not have permission to do that.");
    }
}
