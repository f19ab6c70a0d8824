package dev.cadbridge.doctor;

import dev.cadbridge.outbound.DispatcherStatus;
import dev.cadbridge.sonoran.ApiGeneration;
import dev.cadbridge.sonoran.CadLinks;
import dev.cadbridge.sonoran.CadVersion;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** The CAD id the sender is sent as is linked to a CAD account (v2 link check). */
final class SenderLinkCheck implements DoctorCheck {

    @Override
    public String label() {
        return "Your CAD link";
    }

    @Override
    public CompletableFuture<CheckResult> run(DoctorContext context) {
        Optional<String> cadId = context.senderCadId();
        if (cadId.isEmpty()) {
            return ApiKeyCheck.done(CheckResult.skipped("the console has none; run /cad doctor in game to check yours", null));
        }
        if (context.generation() == ApiGeneration.V1) {
            return ApiKeyCheck.done(CheckResult.skipped("you are sent as API ID " + cadId.get()
                    + "; the v1 API cannot check it", "it must be the API ID in your CAD account settings"));
        }
        if (context.setup().notConnected().isPresent()) {
            return ApiKeyCheck.done(CheckResult.skipped("not checked: needs a working connection to the CAD (see API key)", null));
        }
        if (context.status().circuit() == DispatcherStatus.CircuitState.OPEN) {
            return ApiKeyCheck.done(CheckResult.skipped("not checked: sending is paused (see API key and server id)", null));
        }
        return context.version().thenCompose(version -> {
            // A key the CAD refused would make this answer 401 too; a version check skipped for its budget proves nothing.
            if (version instanceof Asked.Refused<CadVersion>) {
                return ApiKeyCheck.done(CheckResult.skipped("not checked: needs an accepted API key first", null));
            }
            return context.linkOf(cadId.get()).thenApply(asked -> switch (asked) {
                case Asked.Answer<CadLinks.LinkCheck> answer when answer.value().linked() ->
                        CheckResult.pass(cadId.get() + " is linked to a CAD account");
                case Asked.Answer<CadLinks.LinkCheck> answer -> CheckResult.fail(cadId.get() + " is not linked to a CAD account",
                        "run /cad link and follow the link it gives you");
                case Asked.Refused<CadLinks.LinkCheck> refused -> CheckResult.fail("could not be checked: " + refused.describe(), null);
                case Asked.Skipped<CadLinks.LinkCheck> skipped -> CheckResult.skipped("not checked: " + skipped.why(), null);
            });
        });
    }
}
