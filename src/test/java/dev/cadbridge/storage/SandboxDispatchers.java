package dev.cadbridge.storage;

import dev.cadbridge.outbound.DispatcherSettings;
import dev.cadbridge.outbound.OutboxListener;
import dev.cadbridge.outbound.SonoranDispatcher;
import dev.cadbridge.sonoran.ApiGeneration;
import dev.cadbridge.sonoran.ApiKey;
import dev.cadbridge.sonoran.SonoranSettings;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.logging.Logger;

/** The real dispatcher pointed at a sandbox on loopback, with fast retries and no pacing. */
final class SandboxDispatchers {
    private SandboxDispatchers() {}

    static SonoranDispatcher start(int sandboxPort, String apiKey, OutboxListener outbox, Clock clock, Logger logger) {
        SonoranSettings settings = new SonoranSettings(ApiGeneration.V2, URI.create("http://127.0.0.1:" + sandboxPort), "",
                ApiKey.of(apiKey), 1, Duration.ofSeconds(2), Duration.ofSeconds(3));
        DispatcherSettings defaults = DispatcherSettings.defaults();
        return SonoranDispatcher.builder(settings)
                .dispatcherSettings(new DispatcherSettings(defaults.queueCapacity(), defaults.maxBatchSize(), defaults.deadlines(),
                        defaults.rateLimits(), defaults.v1RateLimit(), Duration.ofMillis(20), Duration.ofMillis(200)))
                .withoutRateLimits()
                .listener(outbox)
                .clock(clock)
                .logger(logger)
                .threadName("CadBridge-Dispatcher-test")
                .build();
    }
}
