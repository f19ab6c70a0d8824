package dev.cadbridge.storage;

import dev.cadbridge.outbound.PendingOperation;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Outbox changes not yet written, one per operation id: the listener calls land here and return at
 * once; the storage thread drains it in one transaction (a group commit). Later changes to the same
 * id replace earlier ones, so a backlog built while the database is down stays one entry per
 * unfinished operation.
 *
 * <p>A change the database refused (not an outage: this row, for what it contains) is set aside:
 * kept, counted, but not drained again, so it cannot hold up the others. Its operation's later
 * changes join it there; once the operation is finished only its delete is left, which is written.
 */
final class OutboxBacklog {

    enum RowState {
        PENDING,
        SENDING,
        /** Finished: the row is deleted. */
        DONE
    }

    /** What to write for one id: {@code insert} is the row still to be inserted, or null when only its state changes. */
    record Change(PendingOperation insert, RowState state) {
        /** This change followed by {@code later}. */
        Change then(Change later) {
            if (later.state == RowState.DONE) {
                return later;
            }
            return new Change(later.insert != null ? later.insert : insert, later.state);
        }
    }

    private final int insertLimit;
    private Map<UUID, Change> changes = new LinkedHashMap<>();
    private final Map<UUID, Change> refused = new LinkedHashMap<>();
    private long notPersisted;
    /** Changes drained for the write in progress; still unwritten until {@link #written} or {@link #restore}. */
    private int inFlight;

    OutboxBacklog(int insertLimit) {
        this.insertLimit = insertLimit;
    }

    /**
     * Records a new operation. Returns false when the backlog is full: the operation still goes out
     * from memory but is not persisted. State changes and deletes are always kept, because dropping
     * the delete of a persisted row would make the next start send it again.
     */
    synchronized boolean accepted(PendingOperation operation) {
        if (!changes.containsKey(operation.id()) && size() >= insertLimit) {
            notPersisted++;
            return false;
        }
        merge(operation.id(), new Change(operation, RowState.PENDING));
        return true;
    }

    synchronized void sending(Collection<UUID> ids) {
        for (UUID id : ids) {
            merge(id, new Change(null, RowState.SENDING));
        }
    }

    synchronized void notSent(Collection<UUID> ids) {
        for (UUID id : ids) {
            merge(id, new Change(null, RowState.PENDING));
        }
    }

    synchronized void finished(UUID id) {
        merge(id, new Change(null, RowState.DONE));
    }

    /** Takes everything for one write. */
    synchronized Map<UUID, Change> drain() {
        Map<UUID, Change> drained = changes;
        changes = new LinkedHashMap<>();
        inFlight = drained.size();
        return drained;
    }

    /** The drained batch is committed. */
    synchronized void written() {
        settle(Map.of(), Map.of());
    }

    /** Puts back a drained batch whose write failed, under any change recorded since. */
    synchronized void restore(Map<UUID, Change> failed) {
        settle(failed, Map.of());
    }

    /**
     * Ends the write of a drained batch: {@code unwritten} goes back to be written again, under any
     * change recorded since; {@code refusedNow} is set aside. Everything else was committed.
     */
    synchronized void settle(Map<UUID, Change> unwritten, Map<UUID, Change> refusedNow) {
        Map<UUID, Change> newer = changes;
        changes = new LinkedHashMap<>(unwritten);
        inFlight = 0;
        refusedNow.forEach((id, change) -> refused.merge(id, change, Change::then));
        newer.forEach(this::merge);
    }

    /** Offers every set-aside change to the database once more (at a clean stop: the last chance). */
    synchronized void retryRefused() {
        Map<UUID, Change> again = new LinkedHashMap<>(refused);
        refused.clear();
        again.forEach((id, change) -> changes.merge(id, change, Change::then));
    }

    /** Changes not yet committed, including a write in progress and those the database refused. */
    synchronized int size() {
        return waiting() + refused.size();
    }

    /** Changes to write: not yet committed, including a write in progress, not counting refused ones. */
    synchronized int waiting() {
        return changes.size() + inFlight;
    }

    synchronized int refusedCount() {
        return refused.size();
    }

    synchronized boolean isFull() {
        return size() >= insertLimit;
    }

    synchronized long notPersisted() {
        return notPersisted;
    }

    private void merge(UUID id, Change later) {
        Change setAside = refused.remove(id);
        if (setAside == null) {
            changes.merge(id, later, Change::then);
            return;
        }
        Change merged = setAside.then(later);
        if (merged.state() == RowState.DONE) {
            changes.merge(id, merged, Change::then);
        } else {
            refused.put(id, merged);
        }
    }
}
