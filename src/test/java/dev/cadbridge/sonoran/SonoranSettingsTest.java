package dev.cadbridge.sonoran;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SonoranSettingsTest {
    private static final ApiKey KEY = ApiKey.of("sk-do-not-print-7731");

    @ParameterizedTest
    @ValueSource(strings = {"https://api.sonorancad.com", "http://127.0.0.1:8080", "http://localhost:9000", "http://[::1]:9000",
            "http://[0:0:0:0:0:0:0:1]:9000", "http://127.45.3.200"})
    void acceptsHttpsAndLoopbackHttp(String url) {
        assertThat(SonoranSettings.of(ApiGeneration.V2, URI.create(url), "", KEY, 1).baseUrl()).hasToString(url);
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://api.sonorancad.com", "http://10.0.0.5", "ftp://localhost", "api.sonorancad.com",
            // names and numbers that only look like this machine: plain http would carry the key off it
            "http://127.evil.example", "http://127.0.0.1.evil.example:8080", "http://0177.0.0.1", "http://127.0.0.01",
            "http://[::2]:9000"})
    void refusesPlainHttpToOtherHostsAndNonUrls(String url) {
        assertThatThrownBy(() -> SonoranSettings.of(ApiGeneration.V2, URI.create(url), "", KEY, 1))
                .hasMessageStartingWith("sonoran.base-url: ");
    }

    @Test
    void v1NeedsACommunityIdAndServerIdsStartAtOne() {
        assertThatThrownBy(() -> SonoranSettings.of(ApiGeneration.V1, SonoranSettings.DEFAULT_BASE_URL, " ", KEY, 1))
                .hasMessageStartingWith("sonoran.community-id: ");
        assertThatThrownBy(() -> SonoranSettings.of(ApiGeneration.V2, SonoranSettings.DEFAULT_BASE_URL, "", KEY, 0))
                .hasMessageStartingWith("sonoran.server-id: 0 ");
    }

    @Test
    void theKeyNeverShowsInToString() {
        SonoranSettings settings = SonoranSettings.of(ApiGeneration.V2, SonoranSettings.DEFAULT_BASE_URL, "", KEY, 1);
        assertThat(settings.toString()).doesNotContain("sk-do-not-print-7731").contains("redacted");
        assertThat(settings.apiKey().reveal()).isEqualTo("sk-do-not-print-7731");
    }
}
