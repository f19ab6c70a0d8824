package dev.cadbridge.doctor;

import dev.cadbridge.outbound.DispatcherStatus;
import dev.cadbridge.sonoran.ApiGeneration;
import dev.cadbridge.sonoran.CadVersion;
import dev.cadbridge.sonoran.FailureKind;
import java.util.concurrent.CompletableFuture;

/** The API key is set and the CAD accepts it (v2: the version check; v1: what the last requests showed). */
final class ApiKeyCheck implements DoctorCheck {
    static final String WHERE_TO_FIND = "CAD: Admin > In-Game Integration > API shows the key";

    @Override
    public String label() {
        return "API key";
    }

    @Override
    public CompletableFuture<CheckResult> run(DoctorContext context) {
        Setup setup = context.setup();
        if (!setup.apiKeySet()) {
            return done(CheckResult.fail("not set", WHERE_TO_FIND + "; paste it into sonoran.api-key in " + setup.configFile()
                    + " (or set the CADBRIDGE_API_KEY environment variable), then /cad reload"));
        }
        if (setup.notConnected().isPresent()) {
            return done(CheckResult.fail("set, but not usable: " + setup.notConnected().get(), "fix it in " + setup.configFile()
                    + ", then /cad reload"));
        }
        if (context.generation() == ApiGeneration.V1) {
            return done(v1(context));
        }
        return context.version().thenApply(asked -> switch (asked) {
            case Asked.Answer<CadVersion> answer -> CheckResult.pass("set and accepted by the CAD (plan " + answer.value().describe() + ")");
            case Asked.Refused<CadVersion> refused when FailureKind.CREDENTIALS.name().equals(refused.kind()) ->
                    CheckResult.fail("rejected by the CAD: " + refused.describe(), WHERE_TO_FIND + "; copy it again into sonoran.api-key in "
                            + setup.configFile() + ", then /cad reload");
            case Asked.Refused<CadVersion> refused -> CheckResult.fail("set, but the CAD could not be asked: " + refused.describe(),
                    "check that this server can reach " + setup.config().baseUrl());
            case Asked.Skipped<CadVersion> skipped -> CheckResult.skipped("set; not checked: " + skipped.why(), null);
        });
    }

    /** v1 has no harmless request: only what the CAD said to the plugin's own requests counts. */
    private static CheckResult v1(DoctorContext context) {
        DispatcherStatus status = context.status();
        if (status.circuit() == DispatcherStatus.CircuitState.OPEN) {
            return CheckResult.fail("the CAD refused the credentials: " + status.circuitReason(), WHERE_TO_FIND
                    + " and the community id; fix them in " + context.setup().configFile() + ", then /cad reload");
        }
        if (status.lastSuccess() != null) {
            return CheckResult.pass("set and accepted: the CAD took an operation since the last start or reload");
        }
        return CheckResult.skipped("set; the v1 API has no harmless request to test it with, so the first operation will show", null);
    }

    static CompletableFuture<CheckResult> done(CheckResult result) {
        return CompletableFuture.completedFuture(result);
    }
}
