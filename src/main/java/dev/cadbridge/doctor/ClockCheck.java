package dev.cadbridge.doctor;

import dev.cadbridge.sonoran.CadVersion;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * This server's clock agrees with the CAD's, read from the {@code Date} header of the version
 * check's answer. Deadlines and Retry-After dates are read against this clock. The header has whole
 * seconds, so a difference up to {@link #TOLERANCE} is rounding and network time, not skew.
 */
final class ClockCheck implements DoctorCheck {
    static final Duration TOLERANCE = Duration.ofSeconds(2);

    @Override
    public String label() {
        return "Clock";
    }

    @Override
    public CompletableFuture<CheckResult> run(DoctorContext context) {
        return context.version().thenApply(asked -> switch (asked) {
            case Asked.Answer<CadVersion> answer -> judge(answer.value());
            case Asked.Refused<CadVersion> refused -> CheckResult.skipped("not checked: the version check failed (see API key)", null);
            case Asked.Skipped<CadVersion> skipped -> CheckResult.skipped("not checked: " + skipped.why(), null);
        });
    }

    static CheckResult judge(CadVersion version) {
        if (version.cadTime() == null) {
            return CheckResult.skipped("not checked: the CAD's answer carried no Date header", null);
        }
        Duration skew = Duration.between(version.cadTime(), version.readAt());
        long seconds = Math.abs(skew.toSeconds());
        if (skew.abs().compareTo(TOLERANCE) <= 0) {
            return CheckResult.pass("within " + TOLERANCE.toSeconds() + " s of the CAD's clock");
        }
        return CheckResult.fail("this server's clock is " + seconds + " s " + (skew.isNegative() ? "behind" : "ahead of") + " the CAD's",
                "set the system clock right (NTP); CAD deadlines and Retry-After times are read against it");
    }
}
