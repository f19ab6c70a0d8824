package dev.cadbridge.doctor;

import dev.cadbridge.config.CadBridgeConfig;
import dev.cadbridge.config.QuitAction;
import dev.cadbridge.sonoran.CadVersion;
import dev.cadbridge.sonoran.OperationType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The plan the version check names is high enough for every feature in use, and the CAD has not
 * refused any operation for the plan since the last start or reload.
 */
final class PlanCheck implements DoctorCheck {

    /** A feature of this server and the operation it sends. */
    record Feature(String name, OperationType operation) {}

    @Override
    public String label() {
        return "Plan";
    }

    @Override
    public CompletableFuture<CheckResult> run(DoctorContext context) {
        Map<OperationType, String> refused = context.status().disabledTypes() == null ? Map.of() : context.status().disabledTypes();
        if (!refused.isEmpty()) {
            List<String> names = refused.keySet().stream().map(type -> type.route().description()).toList();
            return ApiKeyCheck.done(CheckResult.fail("the CAD refused " + String.join(", ", names) + " for the plan",
                    "upgrade your Sonoran CAD plan, then /cad reload; or stop using those features"));
        }
        return context.version().thenApply(asked -> switch (asked) {
            case Asked.Answer<CadVersion> answer -> judge(answer.value(), features(context.setup().config()));
            case Asked.Refused<CadVersion> refusedAsk -> CheckResult.skipped("not checked: the version check failed (see API key)", null);
            case Asked.Skipped<CadVersion> skipped -> CheckResult.skipped("not checked: " + skipped.why(), null);
        });
    }

    static List<Feature> features(CadBridgeConfig config) {
        List<Feature> features = new ArrayList<>();
        features.add(new Feature("/cad attach", OperationType.ATTACH));
        features.add(new Feature("/cad detach", OperationType.DETACH));
        features.add(new Feature("/cad dispatch", OperationType.NEW_DISPATCH));
        features.add(new Feature("/cad close", OperationType.CLOSE));
        features.add(new Feature("/cad kick", OperationType.KICK));
        if (config.afk().enabled()) {
            features.add(new Feature("the AFK timer", OperationType.KICK));
        }
        if (config.quitAction() == QuitAction.KICK) {
            features.add(new Feature("quit.action kick", OperationType.KICK));
        } else if (config.quitAction() == QuitAction.DETACH) {
            features.add(new Feature("quit.action detach", OperationType.DETACH));
        }
        return features;
    }

    static CheckResult judge(CadVersion version, List<Feature> features) {
        Optional<PlanTier> plan = PlanTier.named(version.name());
        if (plan.isEmpty()) {
            return CheckResult.warn("the CAD names the plan " + version.describe() + ", which CadBridge does not know",
                    "attach, detach and dispatch need Plus, kick and close Standard; check your plan in the CAD");
        }
        Map<PlanTier, List<String>> missing = new LinkedHashMap<>();
        for (Feature feature : features) {
            PlanTier.requiredFor(feature.operation())
                    .filter(required -> !plan.get().includes(required))
                    .ifPresent(required -> missing.computeIfAbsent(required, tier -> new ArrayList<>()).add(feature.name()));
        }
        if (missing.isEmpty()) {
            return CheckResult.pass(plan.get().title() + " covers every feature in use");
        }
        List<String> parts = new ArrayList<>();
        missing.forEach((tier, names) -> parts.add(String.join(", ", names) + " need " + tier.title()));
        return CheckResult.fail(plan.get().title() + " is too low: " + String.join("; ", parts),
                "upgrade your Sonoran CAD plan, or turn those features off (command permissions, afk.enabled, quit.action)");
    }
}
