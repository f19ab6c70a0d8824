package dev.cadbridge.doctor;

import dev.cadbridge.sonoran.ApiGeneration;
import dev.cadbridge.sonoran.OperationType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Room under the rate limits right now, as the dispatcher saw it before the doctor asked anything:
 * routes with none are waiting for their per-minute budget or for a Retry-After the CAD gave.
 */
final class RateLimitCheck implements DoctorCheck {

    @Override
    public String label() {
        return "Rate limits";
    }

    @Override
    public CompletableFuture<CheckResult> run(DoctorContext context) {
        if (context.setup().notConnected().isPresent()) {
            return ApiKeyCheck.done(CheckResult.skipped("not checked: no connection to the CAD (see API key)", null));
        }
        Map<OperationType, Integer> headroom = context.status().headroom();
        if (headroom == null || headroom.isEmpty()) {
            return ApiKeyCheck.done(CheckResult.skipped("unknown: this connection does not pace its requests", null));
        }
        List<OperationType> routes = new ArrayList<>();
        for (OperationType type : OperationType.values()) {
            if (headroom.containsKey(type) && (context.generation() == ApiGeneration.V2 || type.route().onV1())) {
                routes.add(type);
            }
        }
        int queued = context.status().queueDepth() == null ? 0
                : context.status().queueDepth().values().stream().mapToInt(Integer::intValue).sum();
        String waiting = queued == 0 ? "nothing queued" : queued + " operation(s) queued";
        if (context.generation() == ApiGeneration.V1) {
            // One shared bucket paces every v1 request.
            int room = routes.isEmpty() ? 0 : headroom.get(routes.get(0));
            return ApiKeyCheck.done(room > 0
                    ? CheckResult.pass("room for " + room + " request(s) right now, " + waiting)
                    : CheckResult.warn("no room right now, " + waiting, "requests wait for the budget; if this lasts, lower the traffic or raise dispatcher.rate-limits.v1"));
        }
        List<String> full = routes.stream().filter(type -> headroom.get(type) < 1).map(type -> type.route().description()).toList();
        if (full.isEmpty()) {
            return ApiKeyCheck.done(CheckResult.pass("room on every route right now, " + waiting));
        }
        return ApiKeyCheck.done(CheckResult.warn("no room right now on " + String.join(", ", full) + ", " + waiting,
                "they send again as the per-minute budget refills; if this lasts, the server sends more than the CAD allows"));
    }
}
