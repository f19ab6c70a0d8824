package dev.cadbridge.sonoran;

import java.time.Instant;

/**
 * The version check's answer: the community's plan as the CAD names it ({@code name} "PLUS",
 * {@code version} "2"; either may be null when the CAD leaves it out), the CAD's own clock from the
 * answer's {@code Date} header (null without one), and when this server read the answer.
 */
public record CadVersion(String name, String version, Instant cadTime, Instant readAt) {

    /** "PLUS (version 2)", as the startup log and /cad doctor show it. */
    public String describe() {
        if (name == null) {
            return "plan unknown";
        }
        return version == null ? name : name + " (version " + version + ")";
    }
}
