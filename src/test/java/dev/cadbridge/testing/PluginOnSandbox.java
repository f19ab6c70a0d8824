package dev.cadbridge.testing;

import static org.awaitility.Awaitility.await;

import dev.cadbridge.core.CadConnections;
import dev.cadbridge.outbound.SonoranDispatcher;
import dev.cadbridge.sandbox.SonoranSandbox;
import dev.cadbridge.sonoran.ApiGeneration;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * The plugin on a fake server, talking through the real dispatcher to the sandbox CAD over loopback,
 * both on the harness clock (so link codes expire when the plugin thinks they do), rate limits off.
 */
public final class PluginOnSandbox implements AutoCloseable {
    public final Harness h = new Harness();
    public final SonoranSandbox cad = new SonoranSandbox(h.clock).start();

    public PluginOnSandbox() {
        cad.setRateLimitsEnabled(false);
    }

    /**
     * As {@link #start}, but with the documented limits on both sides: the sandbox answers 429 past
     * them, and the dispatcher paces by its default budgets on the harness clock (wall and monotonic),
     * so a test that moves the clock moves the pacing too.
     */
    public PluginOnSandbox startPaced(ApiGeneration generation) {
        cad.setRateLimitsEnabled(true);
        configure(generation);
        h.connectionFactory = (sonoran, dispatcher, outbox) -> CadConnections.of(SonoranDispatcher.builder(sonoran)
                .dispatcherSettings(dispatcher).clock(h.clock).monotonicClock(h.clock::nanoTime).build());
        h.start();
        return this;
    }

    private void configure(ApiGeneration generation, Object... moreConfig) {
        List<Object> config = new ArrayList<>(List.of(
                "sonoran.api-generation", generation.name().toLowerCase(Locale.ROOT),
                "sonoran.base-url", cad.baseUrl(),
                "sonoran.community-id", cad.communityId(),
                "sonoran.api-key", cad.apiKey(),
                "commands.cooldown", "0s",
                // the live session only where a test gave the sandbox its hub
                "live.enabled", cad.hasHub()));
        config.addAll(List.of(moreConfig));
        h.configure(config.toArray());
    }

    public PluginOnSandbox start(ApiGeneration generation, Object... moreConfig) {
        configure(generation, moreConfig);
        h.connectionFactory = (sonoran, dispatcher, outbox) -> CadConnections.of(
                SonoranDispatcher.builder(sonoran).dispatcherSettings(dispatcher).withoutRateLimits().build());
        h.start();
        return this;
    }

    /** Waits for the CAD's answer to come back to the "main thread". */
    public void eventually(Callable<Boolean> condition) {
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20)).until(() -> {
            h.platform.runMainTasks();
            return condition.call();
        });
    }

    public static Callable<Boolean> says(FakePlayer player, String text) {
        return () -> player.messages().contains(text);
    }

    @Override
    public void close() {
        if (h.core != null) {
            h.core.disable();
        }
        cad.close();
    }
}
