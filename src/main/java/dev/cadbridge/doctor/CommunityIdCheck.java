package dev.cadbridge.doctor;

import dev.cadbridge.outbound.DispatcherStatus;
import dev.cadbridge.sonoran.ApiGeneration;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;

/**
 * sonoran.community-id is set where it is needed: the v1 API sends it with every request; on v2
 * only the live session (websocket) needs it. The id itself is never shown.
 */
final class CommunityIdCheck implements DoctorCheck {

    @Override
    public String label() {
        return "Community id";
    }

    @Override
    public CompletableFuture<CheckResult> run(DoctorContext context) {
        Setup setup = context.setup();
        String where = "CAD: Admin > In-Game Integration > API shows it; put it in sonoran.community-id in "
                + setup.configFile() + ", then /cad reload";
        if (context.generation() == ApiGeneration.V2) {
            return ApiKeyCheck.done(setup.communityIdSet()
                    ? CheckResult.pass("set")
                    : CheckResult.skipped(setup.config().live().enabled()
                            ? "not set; on v2 only the live session needs it (CAD events in game, live map), so that stays off"
                            : "not set; the v2 API does not need it and live.enabled is off", null));
        }
        if (!setup.communityIdSet()) {
            return ApiKeyCheck.done(CheckResult.fail("not set; the v1 API needs it", where));
        }
        DispatcherStatus status = context.status();
        if (status.circuit() == DispatcherStatus.CircuitState.OPEN
                && String.valueOf(status.circuitReason()).toUpperCase(Locale.ROOT).contains("COMMUNITY")) {
            return ApiKeyCheck.done(CheckResult.fail("set, but the CAD refused it: " + status.circuitReason(), where));
        }
        return ApiKeyCheck.done(CheckResult.pass("set"));
    }
}
