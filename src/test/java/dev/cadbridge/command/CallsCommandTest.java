package dev.cadbridge.command;

import static dev.cadbridge.testing.PluginOnSandbox.says;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cadbridge.sandbox.SandboxEndpoint;
import dev.cadbridge.sandbox.SandboxFault;
import dev.cadbridge.sonoran.ApiGeneration;
import dev.cadbridge.testing.FakePlayer;
import dev.cadbridge.testing.PluginOnSandbox;
import dev.cadbridge.testing.Texts;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.kyori.adventure.text.Component;
import net.kyori.adventure.text.event.ClickEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** /cad calls end to end against the sandbox CAD, with its documented limit of 5 requests a minute. */
class CallsCommandTest {
    private final PluginOnSandbox plugin = new PluginOnSandbox();

    @AfterEach
    void stop() {
        plugin.close();
    }

    private int callQueries() {
        return plugin.cad.requestsTo(SandboxEndpoint.V2_CALLS).size();
    }

    /** The click events in {@code component} and its children. */
    static List<ClickEvent> clicks(Component component) {
        List<ClickEvent> found = new ArrayList<>();
        if (component.clickEvent() != null) {
            found.add(component.clickEvent());
        }
        component.children().forEach(child -> found.addAll(clicks(child)));
        return found;
    }

    private static Optional<Component> lineContaining(FakePlayer player, String text) {
        return player.components().stream().filter(line -> Texts.plain(line).contains(text)).findFirst();
    }

    @Test
    void staffSeeEachOpenCallWithAnAttachMeButtonAndCadTextShownAsItIs() {
        plugin.startPaced(ApiGeneration.V2);
        FakePlayer sam = plugin.h.join(plugin.h.staff("Sam").grant(Permissions.STAFF_CALLS));
        long robbery = plugin.cad.addCall("<red>Bank</red> robbery <click:run_command:'/op Sam'>x");
        plugin.cad.addCall("Noise complaint");

        plugin.h.run(sam, "calls");
        plugin.eventually(() -> sam.messages().stream().anyMatch(line -> line.startsWith("[CAD] Open calls: 2")));

        assertThat(sam.messages()).contains("[CAD] Asking the CAD…", "[CAD] Open calls: 2 (as of just now)");
        Component line = lineContaining(sam, "#" + robbery).orElseThrow();
        assertThat(Texts.plain(line)).isEqualTo("#" + robbery + " <red>Bank</red> robbery <click:run_command:'/op Sam'>x · P2 · - · 0 unit(s) [attach me]");
        assertThat(clicks(line)).containsExactly(ClickEvent.runCommand("/cad attach " + robbery));
        assertThat(plugin.cad.violations()).isEmpty();
    }

    @Test
    void aSecondAskAnswersFromTheCacheAndSaysHowOldTheListIs() {
        plugin.startPaced(ApiGeneration.V2);
        FakePlayer sam = plugin.h.join(plugin.h.staff("Sam").grant(Permissions.STAFF_CALLS));
        plugin.cad.addCall("Armed Robbery");
        plugin.h.run(sam, "calls");
        plugin.eventually(says(sam, "[CAD] Open calls: 1 (as of just now)"));
        plugin.cad.addCall("Opened after the list was fetched");

        plugin.h.clock.advance(Duration.ofSeconds(12));
        sam.clearMessages();
        plugin.h.run(sam, "calls");

        assertThat(sam.messages()).first().isEqualTo("[CAD] Open calls: 1 (as of 12 s ago)");
        assertThat(callQueries()).isEqualTo(1);

        plugin.h.clock.advance(Duration.ofSeconds(9));
        plugin.h.run(sam, "calls");
        plugin.eventually(says(sam, "[CAD] Open calls: 2 (as of just now)"));
        assertThat(callQueries()).isEqualTo(2);
    }

    @Test
    void staffAskingWhileAFetchIsRunningShareThatOneFetch() {
        plugin.startPaced(ApiGeneration.V2);
        plugin.cad.addCall("Armed Robbery");
        List<FakePlayer> staff = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            staff.add(plugin.h.join(plugin.h.staff("Staff" + i).grant(Permissions.STAFF_CALLS)));
        }
        plugin.cad.inject(SandboxFault.slow(Duration.ofMillis(500)), 1);

        staff.forEach(member -> plugin.h.run(member, "calls"));

        plugin.eventually(() -> staff.stream().allMatch(member -> member.messages().contains("[CAD] Open calls: 1 (as of just now)")));
        assertThat(callQueries()).isEqualTo(1);
    }

    @Test
    void tenStaffSpammingForAMinuteMakeAtMostFiveRequestsAndNever429() {
        plugin.startPaced(ApiGeneration.V2);
        plugin.cad.addCall("Armed Robbery");
        List<FakePlayer> staff = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            staff.add(plugin.h.join(plugin.h.staff("Staff" + i).grant(Permissions.STAFF_CALLS)));
        }

        for (int second = 0; second <= 60; second++) {
            staff.forEach(FakePlayer::clearMessages);
            staff.forEach(member -> plugin.h.run(member, "calls"));
            plugin.eventually(() -> staff.stream().allMatch(member -> member.messages().stream().anyMatch(line -> line.startsWith("[CAD] Open calls: 1"))));
            plugin.h.clock.advance(Duration.ofSeconds(1));
        }

        assertThat(callQueries()).isBetween(1, 5);
        assertThat(plugin.cad.rateLimitedCount()).isZero();
        assertThat(plugin.cad.violations()).isEmpty();
    }

    @Test
    void theCacheIsNeverShorterThanTheRouteAllowsWhateverTheConfigSays() {
        plugin.h.configure("commands.active-cache", "0s");
        plugin.startPaced(ApiGeneration.V2);
        FakePlayer sam = plugin.h.join(plugin.h.staff("Sam").grant(Permissions.STAFF_CALLS));
        plugin.h.run(sam, "calls");
        plugin.eventually(says(sam, "[CAD] The CAD has no open calls (as of just now)."));

        plugin.h.clock.advance(Duration.ofSeconds(14));
        plugin.h.run(sam, "calls");

        assertThat(sam.lastMessage()).isEqualTo("[CAD] The CAD has no open calls (as of 14 s ago).");
        assertThat(callQueries()).isEqualTo(1);
    }

    @Test
    void theUnitsAttachedToACallAreCounted() {
        plugin.startPaced(ApiGeneration.V2);
        FakePlayer sam = plugin.h.join(plugin.h.staff("Sam").grant(Permissions.STAFF_CALLS));
        plugin.h.join(plugin.h.player("Alex"));
        plugin.h.join(plugin.h.player("Bob"));
        long robbery = plugin.cad.addCall("Armed Robbery");
        plugin.h.run(sam, "attach " + robbery + " Alex Bob");
        plugin.eventually(() -> sam.lastMessage().startsWith("[CAD] Attached"));

        plugin.h.run(sam, "calls");

        plugin.eventually(() -> lineContaining(sam, "2 unit(s)").isPresent());
    }

    @Test
    void aCallerOf911IsListedWithTheCallAndStaffWhoMayRemoveItGetARemoveSuggestion() {
        plugin.startPaced(ApiGeneration.V2);
        FakePlayer sam = plugin.h.join(plugin.h.staff("Sam").grant(Permissions.STAFF_CALLS, Permissions.STAFF_911_REMOVE));
        FakePlayer alex = plugin.h.join(plugin.h.player("Alex").at(10, 64, -20));
        plugin.h.run(alex, "911 a creeper blew up my house");
        plugin.eventually(() -> alex.lastMessage().contains("reached the dispatchers"));

        plugin.h.run(sam, "calls");
        plugin.eventually(() -> lineContaining(sam, "911 #").isPresent());

        Component line = lineContaining(sam, "911 #").orElseThrow();
        assertThat(Texts.plain(line)).matches("911 #\\d+ a creeper blew up my house · Alex · 10, -20 \\[remove]");
        assertThat(clicks(line)).singleElement().satisfies(click -> {
            assertThat(click.action()).isEqualTo(ClickEvent.Action.SUGGEST_COMMAND);
            assertThat(click.value()).startsWith("/cad 911 remove ");
        });
    }

    @Test
    void onV1TheCommandSaysItNeedsTheCurrentApiAndSendsNothing() {
        plugin.start(ApiGeneration.V1);
        FakePlayer sam = plugin.h.join(plugin.h.staff("Sam").grant(Permissions.STAFF_CALLS));

        plugin.h.run(sam, "calls");

        assertThat(sam.lastMessage()).isEqualTo("[CAD] /cad calls needs the current Sonoran CAD API (v2); this server uses v1 (sonoran.api-generation in config.yml).");
        assertThat(plugin.cad.requests()).noneMatch(request -> request.path().contains("/calls"));
    }

    @Test
    void playersWithoutTheStaffPermissionAreRefusedAndHelpDoesNotListIt() {
        plugin.start(ApiGeneration.V2);
        FakePlayer alex = plugin.h.join(plugin.h.player("Alex"));

        plugin.h.run(alex, "calls");
        assertThat(alex.lastMessage()).isEqualTo("[CAD] You do not have permission to do that.");
        plugin.h.run(alex, "help");
        assertThat(alex.messages()).noneMatch(line -> line.contains("/cad calls"));
        assertThat(plugin.h.complete(alex, "ca")).doesNotContain("calls");
        assertThat(callQueries()).isZero();
    }
}
