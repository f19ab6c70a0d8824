package dev.cadbridge.bench;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/** Where the submit time goes: the pieces {@code SonoranDispatcher.submit} is made of, one at a time. */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class SubmitPartsBenchmark {
    private final Clock clock = Clock.systemUTC();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition condition = lock.newCondition();

    @Benchmark
    public UUID randomUuid() {
        return UUID.randomUUID();
    }

    @Benchmark
    public Instant clockInstant() {
        return clock.instant();
    }

    @Benchmark
    public CompletableFuture<Object> newFuture() {
        return new CompletableFuture<>();
    }

    @Benchmark
    public boolean lockSignalUnlock() {
        lock.lock();
        try {
            condition.signalAll();
            return lock.isHeldByCurrentThread();
        } finally {
            lock.unlock();
        }
    }
}
