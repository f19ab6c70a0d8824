package dev.cadbridge.afk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cadbridge.sonoran.CadResult;
import dev.cadbridge.sonoran.FailureKind;
import dev.cadbridge.sonoran.KickUnit;
import dev.cadbridge.testing.FakePlayer;
import dev.cadbridge.testing.Harness;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The AFK timer through the plugin core: warning text, the kick, the event, exemption. */
class AfkKickTest {
    private Harness h;
    private FakePlayer alex;

    @BeforeEach
    void start() {
        h = new Harness().configure("quit.action", "none").start();
        alex = h.join(h.player("Alex"));
    }

    @Test
    void anAwayPlayerIsWarnedThenKickedOnceWithTheConfiguredReason() {
        h.platform.advance(Duration.ofSeconds(540));
        assertThat(alex.lastMessage()).isEqualTo("[CAD] You seem to be away. Move within 60 seconds or you will be taken off your CAD unit.");
        assertThat(h.cad.received()).isEmpty();

        h.platform.advance(Duration.ofSeconds(60));
        assertThat(h.cad.received()).containsExactly(new KickUnit(alex.uniqueId().toString(), "Automated AFK Timer"));
        assertThat(alex.lastMessage()).isEqualTo("[CAD] You were taken off your CAD unit for being away.");

        h.platform.advance(Duration.ofMinutes(30));
        assertThat(h.cad.received()).hasSize(1);
    }

    @Test
    void whileTheCadCannotBeReachedNobodyIsToldTheyWillBeOrWereTakenOffTheirUnit() {
        Harness offline = new Harness().configure("quit.action", "none", "sonoran.api-key", "").start();
        FakePlayer sam = offline.join(offline.player("Sam"));
        offline.platform.advance(Duration.ofMinutes(15));
        assertThat(sam.messages()).isEmpty();
        assertThat(offline.platform.afkKickEvents()).isEmpty();
    }

    @Test
    void thePlayerIsToldTheyWereTakenOffTheirUnitOnlyOnceTheCadDidIt() {
        h.cad.holdAnswers();
        h.platform.advance(Duration.ofMinutes(10));
        assertThat(h.cad.received()).containsExactly(new KickUnit(alex.uniqueId().toString(), "Automated AFK Timer"));
        assertThat(alex.messages()).noneMatch(message -> message.contains("You were taken off"));

        h.cad.releaseHeld(new CadResult.Failed(FailureKind.TARGET_NOT_FOUND, "that unit is not logged in to the CAD", null));
        h.platform.runMainTasks();
        assertThat(alex.messages()).noneMatch(message -> message.contains("You were taken off"));

        FakePlayer sam = h.join(h.player("Sam"));
        h.cad.answerWith(new CadResult.Delivered(OptionalLong.empty()));
        h.platform.advance(Duration.ofMinutes(10));
        assertThat(sam.lastMessage()).isEqualTo("[CAD] You were taken off your CAD unit for being away.");
    }

    @Test
    void walkingAroundKeepsThePlayerOnTheirUnit() {
        for (int i = 0; i < 20; i++) {
            h.platform.advance(Duration.ofMinutes(1));
            h.core.playerActive(alex.uniqueId());
        }
        assertThat(h.cad.received()).isEmpty();
        assertThat(alex.messages()).isEmpty();
    }

    @Test
    void anotherPluginCanCancelTheKick() {
        h.platform.onAfkKick((player, reason) -> Optional.empty());
        h.platform.advance(Duration.ofMinutes(12));
        assertThat(h.platform.afkKickEvents()).containsExactly("Alex");
        assertThat(h.cad.received()).isEmpty();
    }

    @Test
    void anotherPluginCanChangeTheReason() {
        h.platform.onAfkKick((player, reason) -> Optional.of("Went to make tea"));
        h.platform.advance(Duration.ofMinutes(10));
        assertThat(h.cad.received()).containsExactly(new KickUnit(alex.uniqueId().toString(), "Went to make tea"));
    }

    @Test
    void exemptPlayersAreLeftAlone() {
        FakePlayer chief = h.join(h.player("Chief").grant(AfkService.EXEMPT_PERMISSION));
        h.platform.advance(Duration.ofMinutes(10));
        assertThat(h.cad.received()).containsExactly(new KickUnit(alex.uniqueId().toString(), "Automated AFK Timer"));
        assertThat(chief.messages()).isEmpty();
    }

    @Test
    void timeoutWarningAndReasonComeFromTheConfig() {
        Harness custom = new Harness().configure("afk.timeout", "2m", "afk.warn-before", "30s", "afk.kick-reason", "Idle").start();
        FakePlayer sam = custom.join(custom.player("Sam"));
        custom.platform.advance(Duration.ofSeconds(90));
        assertThat(sam.lastMessage()).contains("Move within 30 seconds");
        custom.platform.advance(Duration.ofSeconds(30));
        assertThat(custom.cad.received()).containsExactly(new KickUnit(sam.uniqueId().toString(), "Idle"));
    }

    /** Folia: a player's state may only be touched on the thread that owns the player, never from the global timer. */
    @Test
    void theTimerLooksAtAPlayerOnlyOnThatPlayersOwnThread() {
        List<String> offThread = new CopyOnWriteArrayList<>();
        alex.onTouch(() -> {
            if (!h.platform.isRunningFor(alex.uniqueId())) {
                offThread.add(new Throwable().getStackTrace()[2].toString());
            }
        });
        h.platform.advance(Duration.ofMinutes(10));
        assertThat(alex.messages()).hasSize(2); // the warning and the kick notice
        assertThat(h.cad.received()).hasSize(1);
        assertThat(offThread).isEmpty();
    }

    @Test
    void theServerIdleTimerIsUsedWhenPresent() {
        h.platform.advance(Duration.ofMinutes(5));
        alex.serverIdle(Duration.ofMinutes(10));
        h.platform.advance(Duration.ofSeconds(1));
        assertThat(h.cad.received()).isEmpty(); // our own record says 5 minutes: either signal of activity counts
        h.platform.advance(Duration.ofMinutes(5));
        assertThat(h.cad.received()).hasSize(1);
    }
}
