package dev.cadbridge.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cadbridge.outbound.DispatcherSettings;
import dev.cadbridge.outbound.PendingOperation;
import dev.cadbridge.sandbox.MutableClock;
import dev.cadbridge.sonoran.ActiveCallsQuery;
import dev.cadbridge.sonoran.CadResult;
import dev.cadbridge.sonoran.FailureKind;
import dev.cadbridge.sonoran.KickUnit;
import dev.cadbridge.sonoran.SetUnitPanic;
import dev.cadbridge.sonoran.VersionCheck;
import dev.cadbridge.testing.FakeCad;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** What the server's code sees in network mode: which operations go to the network queue and how their futures end. */
class NetworkDispatcherTest {
    private final MutableClock clock = new MutableClock();
    private final FakeCad local = new FakeCad(clock);
    private final List<PendingOperation> asked = new ArrayList<>();
    private boolean storing = true;
    private final NetworkDispatcher dispatcher = new NetworkDispatcher(local, pending -> storing && asked.add(pending),
            DispatcherSettings.defaults().deadlines(), clock, () -> true);

    @Test
    void aKickWaitsInTheNetworkQueueAndEndsWithTheOutcomeThatComesBack() {
        CompletableFuture<CadResult> kick = dispatcher.submit(new KickUnit("unit-1", "AFK"));
        assertThat(asked).extracting(PendingOperation::operation).containsExactly(new KickUnit("unit-1", "AFK"));
        assertThat(local.received()).isEmpty();
        assertThat(kick).isNotDone();
        dispatcher.complete(asked.getFirst().id(), new CadResult.Delivered(java.util.OptionalLong.empty()));
        assertThat(kick.join()).isInstanceOf(CadResult.Delivered.class);
    }

    @Test
    void aPanicGoesToTheNetworkQueueTooSoThePerKeyLimitHoldsForTheNetwork() {
        CompletableFuture<CadResult> panic = dispatcher.submit(new SetUnitPanic(List.of("unit-1"), true));
        assertThat(asked).extracting(PendingOperation::operation).containsExactly(new SetUnitPanic(List.of("unit-1"), true));
        assertThat(local.received()).isEmpty();
        assertThat(panic).isNotDone();
    }

    /** Someone waits on a query's answer, but the per-key limit is the network's: it goes through the sender too. */
    @Test
    void aQueryGoesToTheNetworkQueueButTheVersionCheckOfThisServersOwnSetupIsSentHere() {
        CompletableFuture<CadResult> query = dispatcher.submit(new ActiveCallsQuery());
        dispatcher.submit(new VersionCheck());
        assertThat(asked).extracting(PendingOperation::operation).containsExactly(new ActiveCallsQuery());
        assertThat(local.received()).containsExactly(new VersionCheck());
        assertThat(query).isNotDone();
    }

    /** A player waits on a query: when no answer comes back from the sender, they hear so 5 s after its deadline, not 30. */
    @Test
    void aQueryWhoseAnswerNeverComesFailsFiveSecondsAfterItsDeadline() {
        CompletableFuture<CadResult> query = dispatcher.submit(new ActiveCallsQuery());
        clock.advance(Duration.ofSeconds(30).plus(NetworkDispatcher.ANSWER_GRACE));
        assertThat(dispatcher.giveUpOverdue(clock.instant())).isEmpty();
        clock.advance(Duration.ofMillis(1));
        assertThat(dispatcher.giveUpOverdue(clock.instant())).hasSize(1);
        assertThat(query.join()).isInstanceOfSatisfying(CadResult.Failed.class,
                failed -> assertThat(failed.kind()).isEqualTo(FailureKind.UNREACHABLE));
    }

    @Test
    void whenTheWriteBacklogIsFullTheKickIsSentFromThisServerInsteadOfWaitingForever() {
        storing = false;
        dispatcher.submit(new KickUnit("unit-1", "AFK"));
        assertThat(local.received()).containsExactly(new KickUnit("unit-1", "AFK"));
        assertThat(dispatcher.awaitsAny()).isFalse();
    }

    @Test
    void anOutcomeThatNeverComesEndsAsUnknownThirtySecondsAfterTheDeadlineNotBefore() {
        CompletableFuture<CadResult> kick = dispatcher.submit(new KickUnit("unit-1", "AFK"));
        clock.advance(Duration.ofMinutes(2).plus(NetworkDispatcher.OUTCOME_GRACE));
        assertThat(dispatcher.giveUpOverdue(clock.instant())).isEmpty();
        assertThat(kick).isNotDone();
        clock.advance(Duration.ofMillis(1));
        assertThat(dispatcher.giveUpOverdue(clock.instant())).hasSize(1);
        assertThat(kick.join()).isInstanceOf(CadResult.OutcomeUnknown.class);
    }

    @Test
    void atAStopTheWaitEndsButTheOperationIsNotHandedBackItStaysInTheNetworkQueue() {
        CompletableFuture<CadResult> kick = dispatcher.submit(new KickUnit("unit-1", "AFK"));
        assertThat(dispatcher.close(Duration.ZERO)).isEmpty();
        assertThat(kick.join()).isInstanceOfSatisfying(CadResult.Failed.class,
                failed -> assertThat(failed.kind()).isEqualTo(FailureKind.SHUT_DOWN));
    }

    @Test
    void atAStopAWaitingPanicIsToldItIsSentOnlyIfTheSenderTookItAlready() {
        CompletableFuture<CadResult> panic = dispatcher.submit(new SetUnitPanic(List.of("unit-1"), true));
        CompletableFuture<CadResult> kick = dispatcher.submit(new KickUnit("unit-1", "AFK"));
        dispatcher.close(Duration.ZERO);
        assertThat(panic.join()).isInstanceOfSatisfying(CadResult.Failed.class,
                failed -> assertThat(failed.message()).contains("only if the sender had taken it"));
        assertThat(kick.join()).isInstanceOfSatisfying(CadResult.Failed.class,
                failed -> assertThat(failed.message()).contains("stored and still sent"));
    }
}
