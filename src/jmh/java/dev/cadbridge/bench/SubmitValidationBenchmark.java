package dev.cadbridge.bench;

import dev.cadbridge.sonoran.KickUnit;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/** Cost of building a validated operation on the server thread. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class SubmitValidationBenchmark {
    private final String unit = "3f2504e0-4f89-11d3-9a0c-0305e82c3301";

    @Benchmark
    public KickUnit validateKick() {
        return new KickUnit(unit, "Automated AFK Timer");
    }
}
