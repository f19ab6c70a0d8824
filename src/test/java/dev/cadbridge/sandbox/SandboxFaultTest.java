package dev.cadbridge.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonParser;
import com.google.gson.JsonSyntaxException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import okhttp3.Request;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Each fault mode behaves as documented on {@link SandboxFault} and can be scoped or cleared. */
class SandboxFaultTest extends SandboxTestSupport {
    private static final String KICK = "/v2/emergency/servers/1/units/kick";
    private static final String KICK_BODY = "{\"communityUserId\":\"p\",\"reason\":\"AFK\"}";

    @BeforeEach
    void liftLimits() {
        cad.setRateLimitsEnabled(false);
    }

    private Request kick() {
        return http.v2Request("POST", KICK, KICK_BODY).build();
    }

    @Test
    void stoppedSandboxRefusesConnectionsAndComesBackOnTheSamePortWithItsState() {
        long callId = cad.addCall("Survives");
        int port = cad.port();

        cad.stop();

        assertThat(cad.isRunning()).isFalse();
        assertThat(http.failure(kick())).isInstanceOf(ConnectException.class);
        cad.start();
        assertThat(cad.port()).isEqualTo(port);
        assertThat(http.send(kick()).code()).isEqualTo(200);
        assertThat(cad.call(callId)).isPresent();
    }

    @Test
    void canBeStoppedAndStartedRepeatedly() {
        for (int i = 0; i < 3; i++) {
            cad.stop();
            cad.start();
        }

        assertThat(http.send(kick()).code()).isEqualTo(200);
    }

    @Test
    void slowAnswerTimesOutTheClientButTheRequestWasApplied() {
        cad.inject(SandboxFault.slow(Duration.ofSeconds(3)));
        SandboxHttp impatient = new SandboxHttp(cad, Duration.ofMillis(300));

        assertThat(impatient.failure(kick())).isInstanceOf(SocketTimeoutException.class);
        assertThat(cad.deliveredKicks()).hasSize(1);
        assertThat(cad.requests()).singleElement().satisfies(r -> assertThat(r.fault()).isInstanceOf(SandboxFault.Slow.class));
    }

    @Test
    void allServerErrorsAnswerProblemJsonOnV2AndTextOnV1AndApplyNothing() {
        cad.inject(SandboxFault.serverErrors(100, 503));

        SandboxHttp.Answer v2 = http.send(kick());
        SandboxHttp.Answer v1 = http.v1("/emergency/kick_unit", "KICK_UNIT", "[{\"apiId\":\"u\",\"reason\":\"AFK\",\"serverId\":1}]");

        assertThat(v2.code()).isEqualTo(503);
        assertThat(v2.header("Content-Type")).startsWith("application/problem+json");
        assertThat(v2.header("x-trace-id")).isNotBlank();
        assertThat(v1.code()).isEqualTo(503);
        assertThat(v1.body()).isEqualTo("SERVICE UNAVAILABLE");
        assertThat(cad.deliveredKicks()).isEmpty();
    }

    @Test
    void serverErrorPercentageFollowsTheSeed() {
        List<Integer> first = statusesWithHalfFailing(42);
        List<Integer> second = statusesWithHalfFailing(42);

        assertThat(first).isEqualTo(second);
        assertThat(first.stream().filter(s -> s == 500).count()).isBetween(25L, 75L);
        assertThat(first).containsOnly(200, 500);
    }

    private List<Integer> statusesWithHalfFailing(long seed) {
        List<Integer> statuses = new ArrayList<>();
        try (SonoranSandbox seeded = new SonoranSandbox(new MutableClock(), seed).start()) {
            seeded.setRateLimitsEnabled(false);
            seeded.inject(SandboxFault.serverErrors(50));
            SandboxHttp client = new SandboxHttp(seeded);
            for (int i = 0; i < 100; i++) {
                statuses.add(client.v2("GET", "/v2/general/version", null).code());
            }
        }
        return statuses;
    }

    @Test
    void rateLimitStormAnswers429WithTheGivenRetryAfterAndAppliesNothing() {
        cad.inject(SandboxFault.rateLimitStorm(Duration.ofSeconds(120)));

        SandboxHttp.Answer answer = http.send(kick());

        assertThat(answer.code()).isEqualTo(429);
        assertThat(answer.header("Retry-After")).isEqualTo("120");
        assertThat(answer.json().getAsJsonObject().get("message").getAsString()).isEqualTo("API rate limit exceeded");
        assertThat(cad.rateLimitedCount()).isEqualTo(1);
        assertThat(cad.deliveredKicks()).isEmpty();
        assertThatThrownBy(() -> SandboxFault.rateLimitStorm(Duration.ofSeconds(121))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void resetMidResponseCutsTheBodyAfterTheRequestWasApplied() {
        cad.inject(SandboxFault.resetMidResponse());

        IOException failure = http.failure(kick());

        assertThat(failure).hasMessageContaining("unexpected end of stream");
        assertThat(cad.deliveredKicks()).hasSize(1);
        cad.clearFaults();
        assertThat(http.send(kick()).code()).isEqualTo(200);
    }

    @Test
    void garbageBodyIs200WithNonJsonAfterTheRequestWasApplied() {
        cad.inject(SandboxFault.garbageBody());

        SandboxHttp.Answer answer = http.send(kick());

        assertThat(answer.code()).isEqualTo(200);
        assertThatThrownBy(() -> JsonParser.parseString(answer.body())).isInstanceOf(JsonSyntaxException.class);
        assertThat(cad.deliveredKicks()).hasSize(1);
    }

    @Test
    void htmlBadGatewayIsA502PageAndAppliesNothing() {
        cad.inject(SandboxFault.htmlBadGateway());

        SandboxHttp.Answer answer = http.send(kick());

        assertThat(answer.code()).isEqualTo(502);
        assertThat(answer.header("Content-Type")).startsWith("text/html");
        assertThat(answer.body()).contains("<title>502 Bad Gateway</title>");
        assertThat(cad.deliveredKicks()).isEmpty();
    }

    @Test
    void faultScopedToNextRequestsEndsByItself() {
        cad.inject(SandboxFault.htmlBadGateway(), 2);

        List<Integer> statuses = List.of(http.send(kick()).code(), http.send(kick()).code(), http.send(kick()).code());

        assertThat(statuses).containsExactly(502, 502, 200);
        assertThat(cad.deliveredKicks()).hasSize(1);
    }

    @Test
    void faultUntilClearedLastsUntilCleared() {
        cad.inject(SandboxFault.serverErrors(100));
        for (int i = 0; i < 5; i++) {
            assertThat(http.send(kick()).code()).isEqualTo(500);
        }

        cad.clearFaults();

        assertThat(http.send(kick()).code()).isEqualTo(200);
    }

    @Test
    void revokedKeyIs401UntilRestored() {
        cad.revokeKey();
        SandboxHttp.Answer revoked = http.send(kick());
        cad.restoreKey();

        assertThat(revoked.code()).isEqualTo(401);
        assertThat(revoked.json().getAsJsonObject().get("detail").getAsString()).isEqualTo("API key is invalid.");
        assertThat(http.send(kick()).code()).isEqualTo(200);
        assertThat(cad.deliveredKicks()).hasSize(1);
    }

    @Test
    void faultsCanBeChangedWhileRequestsRunConcurrently() throws InterruptedException {
        List<Thread> senders = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            senders.add(Thread.ofVirtual().start(() -> {
                for (int j = 0; j < 25; j++) {
                    try {
                        http.send(kick());
                    } catch (UncheckedIOException expected) {
                        // a reset fault may cut some of them
                    }
                }
            }));
        }
        for (int i = 0; i < 20; i++) {
            cad.inject(i % 2 == 0 ? SandboxFault.htmlBadGateway() : SandboxFault.resetMidResponse(), 3);
            cad.clearFaults();
        }

        cad.awaitRequests(100);
        for (Thread sender : senders) {
            sender.join();
        }

        assertThat(cad.requests()).hasSize(100);
        assertThat(cad.deliveredKicks()).hasSize((int) cad.requests().stream().filter(r -> r.status() == 200).count());
    }
}
