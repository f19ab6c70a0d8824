package dev.cadbridge.doctor;

import dev.cadbridge.live.LiveStatus;
import dev.cadbridge.sonoran.ApiGeneration;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;

/**
 * The live session (CAD events in game, live map) is connected and authenticated. It reads the
 * session's own state rather than opening a second connection: the hub would count that as another
 * server, and the state already says whether the last authentication was accepted.
 */
final class LiveSessionCheck implements DoctorCheck {

    @Override
    public String label() {
        return "Live session";
    }

    @Override
    public CompletableFuture<CheckResult> run(DoctorContext context) {
        if (context.generation() != ApiGeneration.V2) {
            return ApiKeyCheck.done(CheckResult.skipped("the v1 API has no live session", null));
        }
        LiveStatus live = context.live();
        Instant now = context.clock().instant();
        String error = live.lastError() == null ? "" : ": " + live.lastError();
        return ApiKeyCheck.done(switch (live.state()) {
            case OFF -> CheckResult.skipped(context.liveOffReason(), null);
            case CONNECTED -> CheckResult.pass("connected and authenticated for " + since(live, now) + ", "
                    + live.eventsReceived() + (live.eventsReceived() == 1 ? " event" : " events") + " received");
            case CONNECTING -> CheckResult.warn("connecting for " + since(live, now),
                    "run /cad doctor again in a few seconds; if it stays here, the API host is not reachable from this server");
            case RECONNECTING -> CheckResult.fail("not connected for " + since(live, now) + error,
                    "CadBridge keeps reconnecting by itself; check that this server reaches the API host (firewall, sonoran.base-url)");
            case REFUSED -> CheckResult.fail(live.lastError() == null ? "the CAD refused the session" : live.lastError(),
                    "check sonoran.api-key, sonoran.community-id and sonoran.server-id, then /cad reload");
            case STOPPED -> CheckResult.warn("stopped", "/cad reload starts it again");
        });
    }

    private static String since(LiveStatus live, Instant now) {
        if (live.since() == null) {
            return "an unknown time";
        }
        long seconds = Math.max(0, Duration.between(live.since(), now).toSeconds());
        return seconds < 120 ? seconds + " s" : seconds / 60 + " min";
    }
}
