package dev.cadbridge.outbound;

import dev.cadbridge.sonoran.SonoranSettings;
import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;
import java.util.logging.Logger;
import okhttp3.OkHttpClient;

/** Settings for a {@link SonoranDispatcher}; {@link #build} starts its worker. */
public final class SonoranDispatcherBuilder {
    final SonoranSettings settings;
    DispatcherSettings dispatcherSettings = DispatcherSettings.defaults();
    OutboxListener listener = OutboxListener.NONE;
    Logger logger = Logger.getLogger("CadBridge");
    Clock clock = Clock.systemUTC();
    LongSupplier monotonicNanos = System::nanoTime;
    DoubleSupplier jitter = () -> ThreadLocalRandom.current().nextDouble();
    OkHttpClient httpClient;
    String threadName = "CadBridge-Dispatcher";
    boolean liftRateLimits;

    SonoranDispatcherBuilder(SonoranSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    public SonoranDispatcherBuilder dispatcherSettings(DispatcherSettings value) {
        this.dispatcherSettings = Objects.requireNonNull(value);
        return this;
    }

    public SonoranDispatcherBuilder listener(OutboxListener value) {
        this.listener = Objects.requireNonNull(value);
        return this;
    }

    /** Paper gives each plugin a JUL logger; pass it here. */
    public SonoranDispatcherBuilder logger(Logger value) {
        this.logger = Objects.requireNonNull(value);
        return this;
    }

    /** The wall clock: accept times and deadlines only (they are stored and outlive a restart). */
    public SonoranDispatcherBuilder clock(Clock value) {
        this.clock = Objects.requireNonNull(value);
        return this;
    }

    /**
     * The monotonic clock in nanoseconds ({@link System#nanoTime()} by default) that paces
     * requests and times backoff and Retry-After, so that setting the system clock back cannot
     * freeze them. Tests that move a manual wall clock pass its monotonic twin here.
     */
    public SonoranDispatcherBuilder monotonicClock(LongSupplier nanos) {
        this.monotonicNanos = Objects.requireNonNull(nanos);
        return this;
    }

    /** Source of backoff jitter in [0, 1). */
    public SonoranDispatcherBuilder jitter(DoubleSupplier value) {
        this.jitter = Objects.requireNonNull(value);
        return this;
    }

    /** Shares a connection pool and dispatcher with other OkHttp users; timeouts are set from the settings. */
    public SonoranDispatcherBuilder httpClient(OkHttpClient value) {
        this.httpClient = Objects.requireNonNull(value);
        return this;
    }

    public SonoranDispatcherBuilder threadName(String value) {
        this.threadName = Objects.requireNonNull(value);
        return this;
    }

    /** Lifts every rate limit, for benchmarks and tests against a loopback server. Never for the real CAD. */
    public SonoranDispatcherBuilder withoutRateLimits() {
        this.liftRateLimits = true;
        return this;
    }

    /** Builds the dispatcher and starts its worker thread. */
    public SonoranDispatcher build() {
        return new SonoranDispatcher(this).start();
    }
}
