package dev.cadbridge.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cadbridge.sonoran.ApiGeneration;
import dev.cadbridge.sonoran.OperationType;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DispatcherSettingsTest {

    @ParameterizedTest
    @ValueSource(ints = {1, 3, 10, 20, 30, 60})
    void bucketsNeverAllowMoreThanThePublishedLimitInAnyMinute(int limit) {
        RateLimit bucket = RateLimit.within(limit);
        assertThat(bucket.burst() + bucket.perMinute()).isLessThanOrEqualTo(Math.max(limit, 2));
    }

    @Test
    void defaultsFollowTheDocumentedV2LimitsAndDeadlines() {
        DispatcherSettings settings = DispatcherSettings.defaults();
        RateLimit attach = settings.rateLimitFor(ApiGeneration.V2, OperationType.ATTACH);
        RateLimit kick = settings.rateLimitFor(ApiGeneration.V2, OperationType.KICK);
        assertThat(attach.burst() + attach.perMinute()).isEqualTo(10);
        assertThat(kick.burst() + kick.perMinute()).isEqualTo(20);
        assertThat(settings.deadlines().get(OperationType.KICK)).isEqualTo(Duration.ofMinutes(2));
        assertThat(settings.deadlines().get(OperationType.NEW_DISPATCH)).isEqualTo(Duration.ofMinutes(30));
        assertThat(settings.maxBatchSize()).isEqualTo(50);
        assertThat(settings.rateLimitFor(ApiGeneration.V1, OperationType.KICK)).isEqualTo(settings.v1RateLimit());
    }

    @Test
    void rejectsIncompleteOrNonsenseValuesNamingTheKey() {
        DispatcherSettings d = DispatcherSettings.defaults();
        Map<OperationType, Duration> missingKick = new EnumMap<>(d.deadlines());
        missingKick.remove(OperationType.KICK);
        assertThatThrownBy(() -> new DispatcherSettings(d.queueCapacity(), d.maxBatchSize(), missingKick, d.rateLimits(),
                d.v1RateLimit(), d.retryBaseDelay(), d.retryMaxDelay()))
                .hasMessage("dispatcher.deadlines: no value for KICK");
        assertThatThrownBy(() -> new DispatcherSettings(0, 50, d.deadlines(), d.rateLimits(), d.v1RateLimit(),
                d.retryBaseDelay(), d.retryMaxDelay()))
                .hasMessageStartingWith("dispatcher.queue-capacity: ");
        assertThatThrownBy(() -> new DispatcherSettings(10, 50, d.deadlines(), d.rateLimits(), d.v1RateLimit(),
                Duration.ofSeconds(5), Duration.ofSeconds(1)))
                .hasMessageStartingWith("dispatcher.retry-max-delay: ");
        assertThatThrownBy(() -> new RateLimit(0, 1)).hasMessageContaining("at least 1");
    }
}
