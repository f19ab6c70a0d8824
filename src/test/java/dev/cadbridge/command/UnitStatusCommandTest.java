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

/** /cad unit end to end against the sandbox CAD. */
class UnitStatusCommandTest {
    private final PluginOnSandbox plugin = new PluginOnSandbox();

    @AfterEach
    void stop() {
        plugin.close();
    }

    private List<SandboxRequest> statuses() {
        return plugin.cad.requestsTo(OperationType.UNIT_STATUS);
    }

    private static JsonObject body(SandboxRequest request) {
        return JsonParser.parseString(request.body()).getAsJsonObject();
    }

    private static int status(SandboxRequest request) {
        return body(request).get("status").getAsInt();
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
    void eachStatusByNameOrNumberReachesTheCadAsDocumented() {
        plugin.start(ApiGeneration.V2);
        FakePlayer alex = plugin.h.join(plugin.h.player("Alex"));

        plugin.h.run(alex, "unit enroute");
        plugin.eventually(says(alex, "[CAD] Status of Alex is now enroute."));
        plugin.h.run(alex, "unit OnScene");
        plugin.eventually(says(alex, "[CAD] Status of Alex is now onscene."));
        plugin.h.run(alex, "unit 2");
        plugin.eventually(says(alex, "[CAD] Status of Alex is now available."));
        plugin.h.run(alex, "unit busy");
        plugin.eventually(says(alex, "[CAD] Status of Alex is now busy."));
        plugin.h.run(alex, "unit unavailable");
        plugin.eventually(says(alex, "[CAD] Status of Alex is now unavailable."));

        assertThat(statuses()).extracting(UnitStatusCommandTest::status).containsExactly(3, 4, 2, 1, 0);
        assertThat(statuses().get(0).method()).isEqualTo("PATCH");
        assertThat(statuses().get(0).path()).isEqualTo("/v2/emergency/servers/1/units/status");
        assertThat(units(statuses().get(0))).containsExactly(id(alex));
        assertThat(plugin.cad.violations()).isEmpty();
    }

    @Test
    void anUnknownStatusIsRefusedBeforeSending() {
        plugin.start(ApiGeneration.V2);
        FakePlayer alex = plugin.h.join(plugin.h.player("Alex"));

        plugin.h.run(alex, "unit sleeping");
        plugin.h.run(alex, "unit 5");
        plugin.h.run(alex, "unit");

        assertThat(alex.messages()).containsOnly(
                "[CAD] Usage: /cad unit <available|busy|enroute|onscene|unavailable|0-4> [player...]");
        assertThat(alex.messages()).hasSize(3);
        assertThat(statuses()).isEmpty();
    }

    @Test
    void aUnitNotLoggedInToTheCadIsToldSo() {
        plugin.start(ApiGeneration.V2);
        FakePlayer alex = plugin.h.join(plugin.h.player("Alex"));
        plugin.cad.logOff(id(alex));

        plugin.h.run(alex, "unit enroute");

        plugin.eventually(says(alex, "[CAD] Not logged in to the CAD, so the status was not changed: Alex"));
        assertThat(alex.messages()).doesNotContain("[CAD] Status of Alex is now enroute.");
    }

    @Test
    void staffSettingSeveralWhenSomeAreNotLoggedInAreToldHowMany() {
        plugin.start(ApiGeneration.V2);
        FakePlayer officer = plugin.h.join(plugin.h.staff("Officer"));
        FakePlayer alex = plugin.h.join(plugin.h.player("Alex"));
        FakePlayer sam = plugin.h.join(plugin.h.player("Sam"));
        plugin.cad.logOff(id(sam));

        plugin.h.run(officer, "unit onscene Alex Sam");

        plugin.eventually(says(officer, "[CAD] The CAD set only 1 of 2 (Alex, Sam) to onscene; the others are not logged in to the CAD,"
                + " and it does not say which."));
        assertThat(units(statuses().get(0))).containsExactly(id(alex), id(sam));
    }

    @Test
    void theV1ApiHasNoUnitStatusAndSaysSo() {
        plugin.start(ApiGeneration.V1);
        FakePlayer alex = plugin.h.join(plugin.h.player("Alex"));

        plugin.h.run(alex, "unit available");

        plugin.eventually(says(alex, "[CAD] The CAD did not accept that: the v1 API has no unit status; set the API version to v2 in config.yml"));
        assertThat(plugin.cad.requests()).noneMatch(request -> request.path().contains("status"));
    }

    @Test
    void staffSetAnotherPlayersStatus() {
        plugin.start(ApiGeneration.V2);
        FakePlayer officer = plugin.h.join(plugin.h.staff("Officer"));
        FakePlayer alex = plugin.h.join(plugin.h.player("Alex"));
        FakePlayer sam = plugin.h.join(plugin.h.player("Sam"));

        plugin.h.run(officer, "unit busy Alex Sam");

        plugin.eventually(says(officer, "[CAD] Status of Alex, Sam is now busy."));
        assertThat(statuses()).hasSize(1);
        assertThat(units(statuses().get(0))).containsExactly(id(alex), id(sam));
        assertThat(status(statuses().get(0))).isEqualTo(1);
    }

    @Test
    void aPlainPlayerCannotSetAnotherPlayersStatus() {
        plugin.start(ApiGeneration.V2);
        FakePlayer alex = plugin.h.join(plugin.h.player("Alex"));
        plugin.h.join(plugin.h.player("Sam"));

        plugin.h.run(alex, "unit busy Sam");
        plugin.h.run(alex, "unit busy Alex Sam");

        assertThat(alex.messages()).containsExactly("[CAD] You do not have permission to do that.",
                "[CAD] You do not have permission to do that.");
        assertThat(statuses()).isEmpty();
    }

    @Test
    void twentyPlayersChangingStatusInTheSameMomentGoAsOneRequestPerStatus() {
        plugin.start(ApiGeneration.V2);
        FakePlayer officer = plugin.h.join(plugin.h.staff("Officer"));
        List<FakePlayer> players = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            players.add(plugin.h.join(plugin.h.player("Player" + i)));
        }
        plugin.cad.awaitRequestsTo(SandboxEndpoint.V2_VERSION, 1); // the start-up credential check
        // One request is on the wire while the players type: theirs queue behind it.
        plugin.cad.inject(SandboxFault.slow(Duration.ofMillis(500)), 1);
        plugin.h.run(officer, "detach");
        plugin.cad.awaitRequestsTo(SandboxEndpoint.V2_DETACH, 1);

        for (int i = 0; i < players.size(); i++) {
            plugin.h.run(players.get(i), i % 2 == 0 ? "unit enroute" : "unit onscene");
        }

        for (int i = 0; i < players.size(); i++) {
            plugin.eventually(says(players.get(i), "[CAD] Status of " + players.get(i).name() + " is now "
                    + (i % 2 == 0 ? "enroute" : "onscene") + "."));
        }
        assertThat(statuses()).hasSize(2);
        assertThat(statuses()).extracting(UnitStatusCommandTest::status).containsExactlyInAnyOrder(3, 4);
        assertThat(statuses()).allSatisfy(request -> assertThat(units(request)).hasSize(10));
        assertThat(plugin.cad.violations()).isEmpty();
    }

    @Test
    void tabCompletionOffersStatusesAndPlayersOnlyToStaff() {
        plugin.start(ApiGeneration.V2);
        FakePlayer officer = plugin.h.join(plugin.h.staff("Officer"));
        FakePlayer alex = plugin.h.join(plugin.h.player("Alex"));

        assertThat(plugin.h.complete(alex, "unit ")).containsExactly("available", "busy", "enroute", "onscene", "unavailable");
        assertThat(plugin.h.complete(alex, "unit o")).containsExactly("onscene");
        assertThat(plugin.h.complete(alex, "unit busy ")).isEmpty();
        assertThat(plugin.h.complete(officer, "unit busy A")).containsExactly("Alex");
    }
}
