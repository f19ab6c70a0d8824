package dev.cadbridge.doctor;

import java.util.concurrent.CompletableFuture;

/**
 * One line of {@code /cad doctor}: a live check of one thing a working setup needs. A check makes
 * at most the requests it needs, asks the {@link DoctorContext} whether the budget allows them, and
 * says it skipped when it does not. Adding a check is adding one class to {@link Doctor#checks}.
 */
public interface DoctorCheck {

    /** What the line is about, for example "API key". */
    String label();

    /** The verdict; a failure of the future becomes a red line naming the error. */
    CompletableFuture<CheckResult> run(DoctorContext context);
}
