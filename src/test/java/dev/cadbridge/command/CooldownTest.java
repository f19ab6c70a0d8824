package dev.cadbridge.command;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cadbridge.testing.FakePlayer;
import dev.cadbridge.testing.Harness;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CooldownTest {
    private Harness h;
    private FakePlayer alex;

    @BeforeEach
    void start() {
        h = new Harness().start();
        alex = h.join(h.player("Alex"));
    }

    @Test
    void aSecondCadCommandWithinThreeSecondsIsRefusedWithTheTimeLeft() {
        h.run(alex, "attach 1");
        h.clock.advance(Duration.ofMillis(1200));
        h.run(alex, "detach");

        assertThat(h.cad.received()).hasSize(1);
        assertThat(alex.lastMessage()).isEqualTo("[CAD] Please wait 2s before sending another CAD command.");
    }

    @Test
    void afterTheCooldownTheNextCommandGoesThrough() {
        h.run(alex, "attach 1");
        h.clock.advance(Duration.ofSeconds(3));
        h.run(alex, "detach");
        assertThat(h.cad.received()).hasSize(2);
    }

    @Test
    void aRefusedAttemptDoesNotRestartTheCooldown() {
        h.run(alex, "attach 1");
        h.clock.advance(Duration.ofSeconds(2));
        h.run(alex, "detach");
        h.clock.advance(Duration.ofSeconds(1));
        h.run(alex, "detach");
        assertThat(h.cad.received()).hasSize(2);
    }

    @Test
    void aCommandRejectedByValidationDoesNotStartTheCooldown() {
        h.run(alex, "attach nope");
        h.run(alex, "attach 5");
        assertThat(h.cad.received()).hasSize(1);
    }

    @Test
    void cooldownsArePerPlayerAndTheConsoleHasNone() {
        FakePlayer sam = h.join(h.player("Sam"));
        h.run(alex, "attach 1");
        h.run(sam, "attach 1");
        h.run(h.console, "detach Alex");
        h.run(h.console, "detach Sam");
        assertThat(h.cad.received()).hasSize(4);
    }

    @Test
    void theCooldownLengthComesFromTheConfig() {
        Harness quick = new Harness().configure("commands.cooldown", "0s").start();
        FakePlayer player = quick.join(quick.player("Quick"));
        quick.run(player, "attach 1");
        quick.run(player, "attach 2");
        assertThat(quick.cad.received()).hasSize(2);
    }
}
