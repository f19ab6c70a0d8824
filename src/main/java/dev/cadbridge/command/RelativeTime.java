package dev.cadbridge.command;

import java.time.Duration;
import java.time.Instant;

/** How long ago something happened, as people say it: "12 s ago", "3 min ago", "2 h 5 min ago". */
final class RelativeTime {
    private RelativeTime() {}

    /** "never" for null; "just now" under a second and for a moment slightly ahead of {@code now} (clocks disagree). */
    static String ago(Instant then, Instant now) {
        if (then == null) {
            return "never";
        }
        long seconds = Duration.between(then, now).getSeconds();
        if (seconds < 1) {
            return "just now";
        }
        if (seconds < 60) {
            return seconds + " s ago";
        }
        long minutes = seconds / 60;
        if (minutes < 60) {
            return minutes + " min ago";
        }
        long hours = minutes / 60;
        if (hours < 24) {
            return hours + " h" + (minutes % 60 == 0 ? "" : " " + minutes % 60 + " min") + " ago";
        }
        long days = hours / 24;
        return days + " d" + (hours % 24 == 0 ? "" : " " + hours % 24 + " h") + " ago";
    }
}
