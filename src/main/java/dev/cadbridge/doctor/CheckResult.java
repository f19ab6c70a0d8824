package dev.cadbridge.doctor;

/**
 * What one check found: the verdict, the facts ({@code value}) and what to do ({@code hint}, null
 * when there is nothing to do). Value and hint are shown literally and never carry a secret.
 */
public record CheckResult(Verdict verdict, String value, String hint) {

    public enum Verdict {
        /** Works. */
        PASS,
        /** Works now, but something needs attention. */
        WARN,
        /** Does not work; the hint says what to do. */
        FAIL,
        /** Not checked: not applicable, waiting on another check, or no request budget right now. */
        SKIPPED
    }

    public static CheckResult pass(String value) {
        return new CheckResult(Verdict.PASS, value, null);
    }

    public static CheckResult warn(String value, String hint) {
        return new CheckResult(Verdict.WARN, value, hint);
    }

    public static CheckResult fail(String value, String hint) {
        return new CheckResult(Verdict.FAIL, value, hint);
    }

    public static CheckResult skipped(String value, String hint) {
        return new CheckResult(Verdict.SKIPPED, value, hint);
    }
}
