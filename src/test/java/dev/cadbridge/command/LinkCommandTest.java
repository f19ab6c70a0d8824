package dev.cadbridge.command;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cadbridge.identity.CadIdentity;
import dev.cadbridge.identity.IdentitySource;
import dev.cadbridge.identity.LinkState;
import dev.cadbridge.sonoran.AttachUnits;
import dev.cadbridge.testing.FakePlayer;
import dev.cadbridge.testing.Harness;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import net.kyori.adventure.text.Component;
import net.kyori.adventure.text.event.ClickEvent;
import org.junit.jupiter.api.Test;

class LinkCommandTest {

    private static Optional<ClickEvent> findClick(Component component) {
        if (component.clickEvent() != null) {
            return Optional.of(component.clickEvent());
        }
        return component.children().stream().map(LinkCommandTest::findClick).flatMap(Optional::stream).findFirst();
    }

    private static CadIdentity stored(Harness h, FakePlayer player) {
        return h.repository.find(player.uniqueId()).join().orElseThrow();
    }

    @Test
    void v2LinkShowsAClickableCodePollsAndConfirms() {
        Harness h = new Harness().start();
        FakePlayer alex = h.join(h.player("Alex"));
        String cadId = alex.uniqueId().toString();

        h.run(alex, "link");
        assertThat(alex.messages()).containsExactly(
                "[CAD] Checking whether your account is linked to the CAD…",
                "[CAD] Open https://sonorancad.com/id?code=AB12 and log in to link your CAD account (code AB12, valid for 10 minutes).");
        assertThat(findClick(alex.components().get(1))).contains(ClickEvent.openUrl("https://sonorancad.com/id?code=AB12"));
        assertThat(h.cad.linkCodesCreatedFor()).containsExactly(cadId);

        h.platform.advance(Duration.ofSeconds(30));
        h.cad.link(cadId);
        h.platform.advance(Duration.ofSeconds(10));

        assertThat(alex.lastMessage()).isEqualTo("[CAD] Your account is now linked to the CAD.");
        CadIdentity identity = stored(h, alex);
        assertThat(identity.cadId()).isEqualTo(cadId);
        assertThat(identity.linkState()).isEqualTo(LinkState.LINKED);
        assertThat(identity.accountUuid()).isEqualTo("acc-" + cadId);
        assertThat(identity.source()).isEqualTo(IdentitySource.SELF_LINKED);
    }

    @Test
    void linkAnswersInTheSameCallLikeEveryOtherCommand() {
        Harness h = new Harness().start();
        FakePlayer alex = h.join(h.player("Alex"));

        // No server tick runs between the command and this check.
        h.core.command().execute(alex, new String[] {"link"});
        assertThat(alex.messages()).first().isEqualTo("[CAD] Checking whether your account is linked to the CAD…");
    }

    @Test
    void anUnusedCodeExpiresAfterTenMinutesAndPollingStops() {
        Harness h = new Harness().start();
        FakePlayer alex = h.join(h.player("Alex"));
        h.run(alex, "link");

        h.platform.advance(Duration.ofMinutes(10).plusSeconds(10));
        // Alex also goes AFK in those ten minutes, so the expiry is not necessarily the last line.
        assertThat(alex.messages()).contains("[CAD] Your link code expired before it was used. Run /cad link for a new one.");
        long checks = h.cad.linkChecks();
        h.platform.advance(Duration.ofMinutes(2));
        assertThat(h.cad.linkChecks()).isEqualTo(checks);
        // one initial check plus one per 10 s poll over 10 minutes
        assertThat(checks).isBetween(60L, 62L);
    }

    @Test
    void anAlreadyLinkedPlayerIsToldSoWithoutANewCode() {
        Harness h = new Harness().start();
        FakePlayer alex = h.join(h.player("Alex"));
        h.cad.link(alex.uniqueId().toString());

        h.run(alex, "link");
        assertThat(alex.lastMessage()).isEqualTo("[CAD] Your account is already linked to the CAD.");
        assertThat(h.cad.linkCodesCreatedFor()).isEmpty();
        assertThat(stored(h, alex).linkState()).isEqualTo(LinkState.LINKED);
    }

    @Test
    void askingAgainWhileACodeIsOpenShowsTheSameCodeWithoutANewRequestOrCooldown() {
        Harness h = new Harness().start();
        FakePlayer alex = h.join(h.player("Alex"));
        h.run(alex, "link");
        h.run(alex, "link");
        assertThat(h.cad.linkCodesCreatedFor()).hasSize(1);
        assertThat(alex.lastMessage()).contains("code AB12");
    }

    @Test
    void leavingStopsThePolling() {
        Harness h = new Harness().start();
        FakePlayer alex = h.join(h.player("Alex"));
        h.run(alex, "link");
        h.quit(alex);
        long checks = h.cad.linkChecks();
        h.platform.advance(Duration.ofMinutes(1));
        assertThat(h.cad.linkChecks()).isEqualTo(checks);
    }

    @Test
    void aCadErrorIsExplainedFriendly() {
        Harness h = new Harness().start();
        FakePlayer alex = h.join(h.player("Alex"));
        h.cad.failLinkEndpoints();
        h.run(alex, "link");
        assertThat(alex.lastMessage()).isEqualTo("[CAD] Linking did not work: the CAD answered 500");
    }

    @Test
    void anInternalErrorGoesToTheConsoleNotToThePlayer() {
        Harness h = new Harness().start();
        FakePlayer alex = h.join(h.player("Alex"));
        h.cad.failLinkEndpointsWith(new IllegalStateException("pool CadBridge-DB exhausted at jdbc:mariadb://10.0.0.7"));
        h.run(alex, "link");
        assertThat(alex.lastMessage()).isEqualTo("[CAD] Linking did not work: something went wrong on the server;"
                + " staff can find the details in the console");
        assertThat(h.platform.logText()).contains("Linking Alex to the CAD failed").contains("pool CadBridge-DB exhausted");
    }

    @Test
    void theConsoleCannotLinkItselfAndPlayersWithoutPermissionCannotLink() {
        Harness h = new Harness().start();
        h.run(h.console, "link");
        assertThat(h.console.lastMessage()).contains("from the console use: /cad link | <player> <id>");
        FakePlayer alex = h.join(h.player("Alex").revoke(Permissions.USE_LINK));
        h.run(alex, "link");
        assertThat(alex.lastMessage()).isEqualTo("[CAD] You do not have permission to do that.");
        assertThat(h.cad.linkCodesCreatedFor()).isEmpty();
    }

    @Test
    void v1PlayersSetTheirApiIdWhichIsThenUsedForTheirUnit() {
        Harness h = new Harness().configure("sonoran.api-generation", "v1", "sonoran.community-id", "community-1").start();
        FakePlayer alex = h.join(h.player("Alex").grant(Permissions.LINK_OWN_API_ID));

        h.run(alex, "link");
        assertThat(alex.lastMessage()).startsWith("[CAD] This server uses the v1 API: run /cad link <apiId>");

        h.run(alex, "link Alex#4412");
        assertThat(alex.lastMessage()).isEqualTo("[CAD] Your CAD API ID is now Alex#4412.");
        h.run(alex, "attach 9");
        assertThat(h.cad.received()).containsExactly(new AttachUnits(9, List.of("Alex#4412")));
        assertThat(h.cad.linkCodesCreatedFor()).isEmpty();
    }

    @Test
    void onV1APlayerNeedsItsOwnPermissionToChooseTheApiIdTheyAreSentAs() {
        Harness h = new Harness().configure("sonoran.api-generation", "v1", "sonoran.community-id", "community-1").start();
        FakePlayer alex = h.join(h.player("Alex"));

        // Any id nobody here holds would otherwise be free: another member's API ID, and with it their unit.
        h.run(alex, "link Officer.Smith");
        assertThat(alex.lastMessage()).isEqualTo("[CAD] You do not have permission to do that.");
        h.run(alex, "link");
        assertThat(alex.lastMessage()).isEqualTo("[CAD] You do not have permission to do that.");
        assertThat(h.repository.find(alex.uniqueId()).join()).isEmpty();

        alex.grant(Permissions.LINK_OWN_API_ID);
        h.run(alex, "link Officer.Smith");
        assertThat(alex.lastMessage()).isEqualTo("[CAD] Your CAD API ID is now Officer.Smith.");
        assertThat(stored(h, alex).source()).isEqualTo(IdentitySource.SELF_LINKED);
    }

    @Test
    void underTheNameRuleTheNameOfAPlayerTheServerHasSeenIsTakenEvenWhileTheyAreOffline() {
        Harness h = new Harness().configure("sonoran.api-generation", "v1", "sonoran.community-id", "community-1",
                "identity.api-id", "name").start();
        FakePlayer bob = h.join(h.player("Bob"));
        h.quit(bob);
        FakePlayer alex = h.join(h.player("Alex").grant(Permissions.LINK_OWN_API_ID));

        h.run(alex, "link Bob");
        assertThat(alex.lastMessage()).isEqualTo("[CAD] The CAD id Bob already belongs to Bob; one CAD id cannot serve two players.");
        h.run(alex, "link bOB");
        assertThat(alex.lastMessage()).startsWith("[CAD] The CAD id bOB already belongs to");
        assertThat(h.repository.find(alex.uniqueId()).join()).isEmpty();

        h.run(alex, "link Alex");
        assertThat(alex.lastMessage()).isEqualTo("[CAD] Your CAD API ID is now Alex.");
        h.run(alex, "link NeverSeenHere");
        assertThat(alex.lastMessage()).isEqualTo("[CAD] Your CAD API ID is now NeverSeenHere.");

        // Staff linking stays as it is.
        h.run(h.console, "link Alex Bob");
        assertThat(h.console.lastMessage()).isEqualTo("[CAD] Alex's CAD id is now Bob.");
    }

    @Test
    void v1ApiIdWithSpacesIsRefused() {
        Harness h = new Harness().configure("sonoran.api-generation", "v1", "sonoran.community-id", "community-1").start();
        FakePlayer alex = h.join(h.player("Alex").grant(Permissions.LINK_OWN_API_ID));
        h.run(alex, "link \"two words\"");
        assertThat(alex.lastMessage()).isEqualTo("[CAD] Not sent: apiId: \"two words\" contains whitespace");
    }

    @Test
    void oneCadIdCannotBeBoundToTwoPlayers() {
        Harness h = new Harness().configure("sonoran.api-generation", "v1", "sonoran.community-id", "community-1").start();
        FakePlayer alex = h.join(h.player("Alex").grant(Permissions.LINK_OWN_API_ID));
        FakePlayer sam = h.join(h.player("Sam").grant(Permissions.LINK_OWN_API_ID));
        h.run(alex, "link unit-7");
        h.run(sam, "link unit-7");
        assertThat(sam.lastMessage()).isEqualTo("[CAD] The CAD id unit-7 already belongs to Alex; one CAD id cannot serve two players.");
        // nor another online player's default id, which is stored nowhere
        FakePlayer chris = h.join(h.player("Chris"));
        h.run(sam, "link " + chris.uniqueId());
        assertThat(sam.lastMessage()).contains("already belongs to Chris");
    }

    @Test
    void staffLinkUnlinkAndWhois() {
        Harness h = new Harness().start();
        FakePlayer alex = h.join(h.player("Alex"));
        FakePlayer officer = h.join(h.staff("Officer"));

        h.run(officer, "whois Alex");
        assertThat(officer.lastMessage()).isEqualTo("[CAD] Alex: CAD id " + alex.uniqueId() + " (default), link: unknown");

        h.run(officer, "link Alex custom-alex");
        assertThat(officer.lastMessage()).isEqualTo("[CAD] Alex's CAD id is now custom-alex.");
        h.run(officer, "whois alex");
        assertThat(officer.lastMessage()).isEqualTo("[CAD] Alex: CAD id custom-alex (staff), link: unknown");

        h.run(officer, "unlink Alex");
        assertThat(officer.lastMessage()).isEqualTo("[CAD] Alex's CAD id is back to the default, " + alex.uniqueId() + ".");
        h.run(officer, "unlink Alex");
        assertThat(officer.lastMessage()).isEqualTo("[CAD] Alex had no stored CAD id; it stays " + alex.uniqueId() + ".");
    }

    @Test
    void staffCommandsAreRefusedToPlayersAndNeedAnOnlineTarget() {
        Harness h = new Harness().start();
        FakePlayer alex = h.join(h.player("Alex"));
        h.run(alex, "link Alex other-id");
        assertThat(alex.lastMessage()).isEqualTo("[CAD] You do not have permission to do that.");
        h.run(alex, "unlink");
        assertThat(alex.lastMessage()).isEqualTo("[CAD] You do not have permission to do that.");
        h.run(alex, "whois Alex");
        assertThat(alex.lastMessage()).isEqualTo("[CAD] You do not have permission to do that.");
        h.run(h.console, "whois Ghost");
        assertThat(h.console.lastMessage()).isEqualTo("[CAD] No online player is named Ghost.");
        h.run(h.console, "unlink");
        assertThat(h.console.lastMessage()).contains("from the console use: /cad unlink [player]");
        h.run(h.console, "whois");
        assertThat(h.console.lastMessage()).isEqualTo("[CAD] Usage: /cad whois <player>");
        h.run(h.console, "link a b c");
        assertThat(h.console.lastMessage()).startsWith("[CAD] Usage: /cad link");
    }

    @Test
    void theConsoleCanSetAPlayersId() {
        Harness h = new Harness().start();
        FakePlayer alex = h.join(h.player("Alex"));
        h.run(h.console, "link Alex console-set");
        assertThat(stored(h, alex).cadId()).isEqualTo("console-set");
        assertThat(stored(h, alex).source()).isEqualTo(IdentitySource.STAFF);
    }
}
