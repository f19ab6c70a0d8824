package dev.cadbridge.afk;

import static dev.cadbridge.afk.AfkTracker.Decision.KICK;
import static dev.cadbridge.afk.AfkTracker.Decision.NOTHING;
import static dev.cadbridge.afk.AfkTracker.Decision.WARN;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cadbridge.config.AfkSettings;
import dev.cadbridge.sandbox.MutableClock;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AfkTrackerTest {
    private final MutableClock clock = new MutableClock();
    private final UUID alex = UUID.randomUUID();
    private AfkTracker tracker;

    @BeforeEach
    void start() {
        tracker = new AfkTracker(new AfkSettings(true, Duration.ofMinutes(10), Duration.ofSeconds(60), "Automated AFK Timer",
                Duration.ofSeconds(1)), clock);
        tracker.track(alex);
    }

    private AfkTracker.Decision after(Duration duration) {
        clock.advance(duration);
        return tracker.check(alex, false, Optional.empty());
    }

    @Test
    void warnsOnceAMinuteBeforeThenKicksOnceAtTheTimeout() {
        assertThat(after(Duration.ofSeconds(539))).isEqualTo(NOTHING);
        assertThat(after(Duration.ofSeconds(1))).isEqualTo(WARN);
        assertThat(after(Duration.ofSeconds(30))).isEqualTo(NOTHING);
        assertThat(after(Duration.ofSeconds(30))).isEqualTo(KICK);
        assertThat(after(Duration.ofMinutes(30))).isEqualTo(NOTHING);
    }

    @Test
    void activityEndsTheEpisodeAndTheNextAbsenceIsKickedAgain() {
        after(Duration.ofMinutes(10));
        tracker.recordActivity(alex);
        assertThat(after(Duration.ofSeconds(1))).isEqualTo(NOTHING);
        assertThat(after(Duration.ofMinutes(9))).isEqualTo(WARN);
        assertThat(after(Duration.ofMinutes(1))).isEqualTo(KICK);
    }

    @Test
    void activityAfterTheWarningCancelsTheKick() {
        assertThat(after(Duration.ofMinutes(9))).isEqualTo(WARN);
        tracker.recordActivity(alex);
        assertThat(after(Duration.ofMinutes(1))).isEqualTo(NOTHING);
        assertThat(after(Duration.ofMinutes(8))).isEqualTo(WARN);
    }

    @Test
    void aCheckThatComesLateStillKicksOnlyOnceWithoutASeparateWarning() {
        assertThat(after(Duration.ofMinutes(15))).isEqualTo(KICK);
        assertThat(after(Duration.ofSeconds(1))).isEqualTo(NOTHING);
    }

    @Test
    void exemptPlayersAreNeverWarnedOrKicked() {
        clock.advance(Duration.ofHours(1));
        assertThat(tracker.check(alex, true, Optional.empty())).isEqualTo(NOTHING);
    }

    @Test
    void losingTheExemptionLetsTheTimerAct() {
        clock.advance(Duration.ofMinutes(11));
        assertThat(tracker.check(alex, true, Optional.empty())).isEqualTo(NOTHING);
        assertThat(tracker.check(alex, false, Optional.empty())).isEqualTo(KICK);
    }

    @Test
    void theServersIdleTimerCountsAsActivity() {
        clock.advance(Duration.ofMinutes(11));
        assertThat(tracker.check(alex, false, Optional.of(Duration.ofSeconds(5)))).isEqualTo(NOTHING);
        assertThat(tracker.check(alex, false, Optional.of(Duration.ofMinutes(10)))).isEqualTo(KICK);
    }

    @Test
    void rejoiningStartsFresh() {
        after(Duration.ofMinutes(10));
        tracker.untrack(alex);
        assertThat(tracker.check(alex, false, Optional.empty())).isEqualTo(NOTHING);
        tracker.track(alex);
        assertThat(after(Duration.ofMinutes(9))).isEqualTo(WARN);
        assertThat(after(Duration.ofMinutes(1))).isEqualTo(KICK);
    }

    @Test
    void withoutAWarningPeriodOnlyTheKickHappens() {
        tracker.updateSettings(new AfkSettings(true, Duration.ofMinutes(10), Duration.ZERO, "r", Duration.ofSeconds(1)));
        assertThat(after(Duration.ofSeconds(599))).isEqualTo(NOTHING);
        assertThat(after(Duration.ofSeconds(1))).isEqualTo(KICK);
    }

    @Test
    void disabledMeansNothingHappens() {
        tracker.updateSettings(new AfkSettings(false, Duration.ofMinutes(10), Duration.ofSeconds(60), "r", Duration.ofSeconds(1)));
        assertThat(after(Duration.ofHours(2))).isEqualTo(NOTHING);
    }

    @Test
    void activityForAnUntrackedPlayerIsIgnored() {
        tracker.recordActivity(UUID.randomUUID());
        assertThat(tracker.isTracked(alex)).isTrue();
    }

    @Test
    void theExemptionIsOnlyLookedUpForPlayersIdleLongEnoughToBeWarned() {
        java.util.concurrent.atomic.AtomicInteger lookups = new java.util.concurrent.atomic.AtomicInteger();
        clock.advance(Duration.ofMinutes(8));
        assertThat(tracker.check(tracker.beginPass(), alex, Optional.empty(), () -> lookups.incrementAndGet() > 0))
                .isEqualTo(NOTHING);
        assertThat(lookups).hasValue(0);

        clock.advance(Duration.ofMinutes(1));
        assertThat(tracker.check(tracker.beginPass(), alex, Optional.empty(), () -> lookups.incrementAndGet() == 0))
                .isEqualTo(WARN);
        assertThat(lookups).hasValue(1);
    }

    @Test
    void activityBetweenPassesIsStampedWithTheLatestPassAtMostOneIntervalEarly() {
        assertThat(after(Duration.ofMinutes(5))).isEqualTo(NOTHING);
        clock.advance(Duration.ofMillis(900));
        tracker.recordActivity(alex);

        assertThat(tracker.idleFor(alex)).isEqualTo(Duration.ofMillis(900));
        assertThat(after(Duration.ofMillis(539_100))).as("9 min after the stamp, 8:59.1 after the move").isEqualTo(WARN);
    }
}
