package dev.cadbridge.doctor;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Runs the checks of {@code /cad doctor} together and hands back their lines in the order of the list. */
public final class Doctor {
    private final List<DoctorCheck> checks;

    public Doctor(List<DoctorCheck> checks) {
        this.checks = List.copyOf(checks);
    }

    /** The checks every setup gets, in the order they are printed. */
    public static List<DoctorCheck> checks() {
        return List.of(new ApiKeyCheck(), new PlanCheck(), new ServerIdCheck(), new CommunityIdCheck(), new LiveSessionCheck(), new StorageCheck(),
                new ClockCheck(), new SenderLinkCheck(), new RateLimitCheck());
    }

    /** Never fails: a check that throws or fails becomes a red line saying so. */
    public CompletableFuture<List<DoctorLine>> run(DoctorContext context) {
        List<CompletableFuture<DoctorLine>> lines = new ArrayList<>();
        for (DoctorCheck check : checks) {
            CompletableFuture<CheckResult> result;
            try {
                result = check.run(context);
            } catch (RuntimeException e) {
                result = CompletableFuture.failedFuture(e);
            }
            lines.add(result.handle((found, error) -> new DoctorLine(check.label(), error == null ? found
                    : CheckResult.fail("the check itself failed: " + rootMessage(error), "the details are in the server console"))));
        }
        return CompletableFuture.allOf(lines.toArray(CompletableFuture[]::new))
                .thenApply(done -> lines.stream().map(CompletableFuture::join).toList());
    }

    private static String rootMessage(Throwable error) {
        Throwable cause = error;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
    }
}
