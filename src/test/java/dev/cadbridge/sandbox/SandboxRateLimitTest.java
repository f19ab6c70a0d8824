package dev.cadbridge.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.Test;

/** Documented per-minute limits as a sliding window on the injected clock, with 429 and Retry-After. */
class SandboxRateLimitTest extends SandboxTestSupport {
    private static final String ATTACH_DETACH = "/v2/emergency/servers/1/dispatch-calls/attachments";
    private static final String KICK = "/v2/emergency/servers/1/units/kick";
    private static final String KICK_BODY = "{\"communityUserId\":\"p\",\"reason\":\"AFK\"}";
    private static final String DETACH_BODY = "{\"communityUserIds\":[\"p\"]}";


    private SandboxHttp.Answer detach() {
        return http.v2("DELETE", ATTACH_DETACH, DETACH_BODY);
    }

    @Test
    void eleventhDetachInAMinuteIs429WithTheDocumentedBodyAndRetryAfter() {
        for (int i = 0; i < 10; i++) {
            assertThat(detach().code()).as("request %d", i + 1).isEqualTo(200);
            clock.advance(Duration.ofSeconds(1));
        }

        SandboxHttp.Answer limited = detach();

        assertThat(limited.code()).isEqualTo(429);
        JsonObject body = limited.json().getAsJsonObject();
        assertThat(body.get("message").getAsString()).isEqualTo("API rate limit exceeded");
        assertThat(body.get("request_id").getAsString()).isNotBlank();
        // The first request was at t=0 and it is now t=10 s: the window frees a slot at t=60 s.
        assertThat(limited.header("Retry-After")).isEqualTo("50");
        assertThat(cad.rateLimitedCount()).isEqualTo(1);
        assertThat(cad.detachments()).hasSize(10);
    }

    @Test
    void windowSlidesRatherThanResettingOnTheMinute() {
        for (int i = 0; i < 5; i++) {
            detach();
        }
        clock.advance(Duration.ofSeconds(30));
        for (int i = 0; i < 5; i++) {
            detach();
        }
        clock.advance(Duration.ofSeconds(29));
        assertThat(detach().code()).isEqualTo(429);

        // At t=60 s a fixed per-minute window would allow ten again; the sliding one frees only the five from t=0.
        clock.advance(Duration.ofSeconds(1));
        for (int i = 0; i < 5; i++) {
            assertThat(detach().code()).isEqualTo(200);
        }
        SandboxHttp.Answer limited = detach();

        assertThat(limited.code()).isEqualTo(429);
        assertThat(limited.header("Retry-After")).isEqualTo("30");
    }

    @Test
    void limitsArePerEndpoint() {
        for (int i = 0; i < 10; i++) {
            detach();
        }

        assertThat(detach().code()).isEqualTo(429);
        assertThat(http.v2("POST", KICK, KICK_BODY).code()).isEqualTo(200);
    }

    @Test
    void limitsArePerApiKey() {
        for (int i = 0; i < 10; i++) {
            detach();
        }
        cad.setApiKey("second-key");

        assertThat(detach().code()).isEqualTo(200);
    }

    @Test
    void issue11RoutesCarryTheirDocumentedLimits() {
        assertThat(SandboxEndpoint.V2_UNITS.documentedPerMinute()).isEqualTo(3);
        assertThat(SandboxEndpoint.V2_CALLS.documentedPerMinute()).isEqualTo(5);
        assertThat(SandboxEndpoint.V2_CALL_NOTE.documentedPerMinute()).isEqualTo(60);
        assertThat(SandboxEndpoint.V2_REMOVE_911.documentedPerMinute()).isEqualTo(10);
        for (int i = 0; i < 3; i++) {
            assertThat(http.v2("GET", "/v2/emergency/servers/1/units", null).code()).isEqualTo(200);
        }
        assertThat(http.v2("GET", "/v2/emergency/servers/1/units", null).code()).isEqualTo(429);
        assertThat(http.v2("GET", "/v2/emergency/servers/1/calls", null).code()).isEqualTo(200);
    }

    @Test
    void kickAllowsTwentyPerMinute() {
        for (int i = 0; i < 20; i++) {
            assertThat(http.v2("POST", KICK, KICK_BODY).code()).isEqualTo(200);
        }

        assertThat(http.v2("POST", KICK, KICK_BODY).code()).isEqualTo(429);
    }

    @Test
    void retryAfterCanBeAnHttpDateOnTheSandboxClock() {
        cad.setRetryAfterStyle(SonoranSandbox.RetryAfterStyle.HTTP_DATE);
        for (int i = 0; i < 10; i++) {
            detach();
        }

        SandboxHttp.Answer limited = detach();

        ZonedDateTime retryAt = ZonedDateTime.parse(limited.header("Retry-After"), DateTimeFormatter.RFC_1123_DATE_TIME);
        assertThat(retryAt.toInstant()).isEqualTo(clock.instant().plusSeconds(60));
        assertThat(limited.header("Retry-After")).endsWith(" GMT").matches("\\w{3}, \\d{2} \\w{3} \\d{4} .*");
    }

    @Test
    void retryAfterCanBeAbsent() {
        cad.setRetryAfterStyle(SonoranSandbox.RetryAfterStyle.ABSENT);
        for (int i = 0; i < 10; i++) {
            detach();
        }

        SandboxHttp.Answer limited = detach();

        assertThat(limited.code()).isEqualTo(429);
        assertThat(limited.header("Retry-After")).isNull();
    }

    @Test
    void wrongKeysAreNotCountedAgainstTheLimit() {
        for (int i = 0; i < 15; i++) {
            http.send(http.v2Request("DELETE", ATTACH_DETACH, DETACH_BODY).header("Authorization", "Bearer wrong").build());
        }

        assertThat(detach().code()).isEqualTo(200);
    }

    @Test
    void limitsCanBeLiftedForBenchmarks() {
        cad.setRateLimitsEnabled(false);

        for (int i = 0; i < 50; i++) {
            assertThat(detach().code()).isEqualTo(200);
        }
        assertThat(cad.rateLimitedCount()).isZero();
    }

    @Test
    void v2LimitCanBeOverridden() {
        cad.setV2RateLimit(SandboxEndpoint.V2_VERSION, 2);

        http.v2("GET", "/v2/general/version", null);
        http.v2("GET", "/v2/general/version", null);

        assertThat(http.v2("GET", "/v2/general/version", null).code()).isEqualTo(429);
    }

    @Test
    void v1TokenBucketAllowsASmallBurstThenOnePerSecond() {
        String data = "[{\"apiId\":\"u\",\"reason\":\"AFK\",\"serverId\":1}]";
        for (int i = 0; i < 3; i++) {
            assertThat(http.v1("/emergency/kick_unit", "KICK_UNIT", data).body()).isEqualTo("UNIT KICKED");
        }
        SandboxHttp.Answer limited = http.v1("/emergency/kick_unit", "KICK_UNIT", data);
        assertThat(limited.code()).isEqualTo(429);
        assertThat(limited.header("Retry-After")).isEqualTo("1");

        clock.advance(Duration.ofSeconds(1));

        assertThat(http.v1("/emergency/kick_unit", "KICK_UNIT", data).code()).isEqualTo(200);
        assertThat(http.v1("/emergency/kick_unit", "KICK_UNIT", data).code()).isEqualTo(429);
        assertThat(cad.deliveredKicks()).hasSize(4);
    }

    @Test
    void v1LimitIsConfigurable() {
        cad.setV1RateLimit(1, Duration.ofSeconds(5));
        String data = "[{\"apiId\":\"u\",\"reason\":\"AFK\",\"serverId\":1}]";
        http.v1("/emergency/kick_unit", "KICK_UNIT", data);

        SandboxHttp.Answer limited = http.v1("/emergency/kick_unit", "KICK_UNIT", data);

        assertThat(limited.code()).isEqualTo(429);
        assertThat(limited.header("Retry-After")).isEqualTo("5");
    }
}
