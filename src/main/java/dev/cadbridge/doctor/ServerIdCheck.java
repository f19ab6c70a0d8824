package dev.cadbridge.doctor;

import dev.cadbridge.outbound.DispatcherStatus;
import dev.cadbridge.sonoran.ApiGeneration;
import dev.cadbridge.sonoran.CadVersion;
import dev.cadbridge.sonoran.FailureKind;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;

/**
 * The CAD knows sonoran.server-id. v2 reads the server's call list, unless the version check just
 * showed the key rejected (the answer would then say nothing about the server). v1 cannot ask without
 * acting on something, so it reports what the plugin's own requests showed.
 */
final class ServerIdCheck implements DoctorCheck {

    @Override
    public String label() {
        return "Server id";
    }

    @Override
    public CompletableFuture<CheckResult> run(DoctorContext context) {
        Setup setup = context.setup();
        String server = setup.serverId().isPresent() ? "server " + setup.serverId().getAsInt() : "the server";
        String fix = "set sonoran.server-id in " + setup.configFile()
                + " to the server id in your CAD (1 unless your community runs several), then /cad reload";
        if (setup.notConnected().isPresent()) {
            return ApiKeyCheck.done(CheckResult.skipped("not checked: needs a working connection to the CAD (see API key)", null));
        }
        DispatcherStatus status = context.status();
        if (status.circuit() == DispatcherStatus.CircuitState.OPEN) {
            String reason = String.valueOf(status.circuitReason());
            return ApiKeyCheck.done(reason.toLowerCase(Locale.ROOT).contains("server id")
                    ? CheckResult.fail(reason, fix)
                    : CheckResult.skipped("not checked: sending is paused (" + reason + ")", null));
        }
        if (context.generation() == ApiGeneration.V1) {
            return ApiKeyCheck.done(status.lastSuccess() != null
                    ? CheckResult.pass(server + ": the CAD took an operation for it")
                    : CheckResult.skipped(server + "; the v1 API cannot check it without acting on something, the first operation will show", null));
        }
        return context.version().thenCompose(version -> {
            // A key the CAD refused would make this answer 401 too; a version check skipped for its budget proves nothing.
            if (version instanceof Asked.Refused<CadVersion>) {
                return ApiKeyCheck.done(CheckResult.skipped("not checked: needs an accepted API key first", null));
            }
            return context.serverKnown().thenApply(asked -> switch (asked) {
                case Asked.Answer<List<?>> known -> CheckResult.pass(server + " is known to the CAD");
                case Asked.Refused<List<?>> refused when FailureKind.CREDENTIALS.name().equals(refused.kind()) ->
                        CheckResult.fail(refused.describe(), fix);
                case Asked.Refused<List<?>> refused when FailureKind.PLAN.name().equals(refused.kind()) ->
                        CheckResult.skipped("not checked: the plan does not allow reading the server's calls", null);
                case Asked.Refused<List<?>> refused -> CheckResult.fail("could not be checked: " + refused.describe(),
                        "check that this server can reach " + setup.config().baseUrl());
                case Asked.Skipped<List<?>> skipped -> CheckResult.skipped(server + "; not checked: " + skipped.why(), null);
            });
        });
    }
}
