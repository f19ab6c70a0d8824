package dev.cadbridge.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cadbridge.outbound.PendingOperation;
import dev.cadbridge.sonoran.KickUnit;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class OutboxBacklogTest {
    private static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");

    private static PendingOperation kick(String unit) {
        return SampleOperations.pending(new KickUnit(unit, "AFK"), NOW, Duration.ofMinutes(2));
    }

    @Test
    void changesToOneOperationCollapseIntoWhatMustBeWritten() {
        OutboxBacklog backlog = new OutboxBacklog(100);
        PendingOperation sent = kick("a");
        PendingOperation done = kick("b");
        backlog.accepted(sent);
        backlog.accepted(done);
        backlog.sending(List.of(sent.id(), done.id()));
        backlog.finished(done.id());

        Map<UUID, OutboxBacklog.Change> changes = backlog.drain();
        assertThat(changes.get(sent.id())).isEqualTo(new OutboxBacklog.Change(sent, OutboxBacklog.RowState.SENDING));
        // Finished: only a delete, whether or not the row reached the database.
        assertThat(changes.get(done.id())).isEqualTo(new OutboxBacklog.Change(null, OutboxBacklog.RowState.DONE));
    }

    @Test
    void aFailedWriteIsPutBackUnderTheChangesMadeMeanwhile() {
        OutboxBacklog backlog = new OutboxBacklog(100);
        PendingOperation a = kick("a");
        PendingOperation b = kick("b");
        backlog.accepted(a);
        backlog.accepted(b);
        Map<UUID, OutboxBacklog.Change> failed = backlog.drain();
        assertThat(backlog.size()).as("a write in progress still counts").isEqualTo(2);

        backlog.sending(List.of(a.id()));
        backlog.finished(b.id());
        backlog.restore(failed);

        Map<UUID, OutboxBacklog.Change> retry = backlog.drain();
        assertThat(retry.get(a.id())).isEqualTo(new OutboxBacklog.Change(a, OutboxBacklog.RowState.SENDING));
        assertThat(retry.get(b.id()).state()).isEqualTo(OutboxBacklog.RowState.DONE);
        backlog.written();
        assertThat(backlog.size()).isZero();
    }

    @Test
    void aFullBacklogRefusesNewOperationsButNeverDropsAFinish() {
        OutboxBacklog backlog = new OutboxBacklog(2);
        PendingOperation first = kick("a");
        assertThat(backlog.accepted(first)).isTrue();
        assertThat(backlog.accepted(kick("b"))).isTrue();
        assertThat(backlog.accepted(kick("c"))).isFalse();
        assertThat(backlog.notPersisted()).isEqualTo(1);

        UUID persistedEarlier = UUID.randomUUID();
        backlog.finished(persistedEarlier);
        assertThat(backlog.drain()).containsKey(persistedEarlier).containsKey(first.id()).hasSize(3);
    }

    @Test
    void aRefusedChangeIsSetAsideNotRetriedAndOnlyItsDeleteIsWrittenOnceTheOperationFinishes() {
        OutboxBacklog backlog = new OutboxBacklog(100);
        PendingOperation refused = kick("refused");
        PendingOperation stored = kick("stored");
        backlog.accepted(refused);
        backlog.accepted(stored);
        Map<UUID, OutboxBacklog.Change> batch = backlog.drain();
        backlog.settle(Map.of(), Map.of(refused.id(), batch.get(refused.id())));

        assertThat(backlog.size()).as("kept in memory").isEqualTo(1);
        assertThat(backlog.waiting()).isZero();
        backlog.sending(List.of(refused.id()));
        assertThat(backlog.drain()).as("a refused change is not offered again").isEmpty();
        backlog.written();
        assertThat(backlog.refusedCount()).isEqualTo(1);

        backlog.finished(refused.id());
        assertThat(backlog.drain()).containsExactly(Map.entry(refused.id(), new OutboxBacklog.Change(null, OutboxBacklog.RowState.DONE)));
        backlog.written();
        assertThat(backlog.size()).isZero();
    }

    @Test
    void refusedChangesAreOfferedOnceMoreWhenAsked() {
        OutboxBacklog backlog = new OutboxBacklog(100);
        PendingOperation refused = kick("refused");
        backlog.accepted(refused);
        backlog.settle(Map.of(), backlog.drain());
        backlog.retryRefused();
        assertThat(backlog.drain()).containsExactly(Map.entry(refused.id(), new OutboxBacklog.Change(refused, OutboxBacklog.RowState.PENDING)));
    }
}
