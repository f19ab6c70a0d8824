package dev.cadbridge.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cadbridge.sonoran.DetachUnits;
import dev.cadbridge.sonoran.KickUnit;
import dev.cadbridge.testing.FakePlayer;
import dev.cadbridge.testing.Harness;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class QuitActionTest {

    @Test
    void byDefaultAPlayerWhoLeavesIsKickedWithLeftTheGame() {
        Harness h = new Harness().start();
        FakePlayer alex = h.join(h.player("Alex"));
        h.quit(alex);
        assertThat(h.cad.received()).containsExactly(new KickUnit(alex.uniqueId().toString(), "Left the game"));
    }

    @Test
    void detachAndNoneAreHonoured() {
        Harness detach = new Harness().configure("quit.action", "detach").start();
        FakePlayer alex = detach.join(detach.player("Alex"));
        detach.quit(alex);
        assertThat(detach.cad.received()).containsExactly(new DetachUnits(List.of(alex.uniqueId().toString())));

        Harness none = new Harness().configure("quit.action", "none").start();
        FakePlayer sam = none.join(none.player("Sam"));
        none.quit(sam);
        assertThat(none.cad.received()).isEmpty();
    }

    @Test
    void theQuitKickUsesTheStoredIdAndTrackingStops() {
        Harness h = new Harness().configure("quit.kick-reason", "Logged off").start();
        FakePlayer alex = h.join(h.player("Alex"));
        h.run(h.console, "link Alex unit-alex");
        h.quit(alex);
        assertThat(h.cad.received()).containsExactly(new KickUnit("unit-alex", "Logged off"));

        h.platform.advance(Duration.ofMinutes(20));
        assertThat(h.cad.received()).hasSize(1); // no AFK kick for someone who left
    }

    @Test
    void nothingIsSentOnQuitWhileNotConnected() {
        Harness h = new Harness().configure("sonoran.api-key", "").start();
        FakePlayer alex = h.join(h.player("Alex"));
        h.quit(alex);
        assertThat(h.platform.logText()).doesNotContain("not delivered");
    }

    @Test
    void aReturningPlayerStartsWithAFreshAfkTimerAndTheirStoredId() {
        Harness h = new Harness().configure("quit.action", "none").start();
        FakePlayer alex = h.join(h.player("Alex"));
        h.run(h.console, "link Alex unit-alex");
        h.platform.advance(Duration.ofMinutes(8));
        h.quit(alex);
        h.join(alex);
        h.platform.advance(Duration.ofMinutes(8));
        assertThat(h.cad.received()).isEmpty();
        h.platform.advance(Duration.ofMinutes(2));
        assertThat(h.cad.received()).containsExactly(new KickUnit("unit-alex", "Automated AFK Timer"));
    }
}
