package dev.cadbridge.config;

import java.util.ArrayList;
import java.util.List;

/**
 * The one boxed console message shown when the API key is missing, so an owner scrolling a busy
 * startup log cannot miss it. It never contains the key itself.
 */
public final class CredentialBanner {
    private CredentialBanner() {}

    public static String render(String configFile) {
        List<String> lines = List.of(
                "CadBridge cannot reach Sonoran CAD: no API key is set.",
                "",
                "Put your community's API key in " + configFile,
                "under sonoran.api-key (or set the " + ConfigLoader.API_KEY_ENVIRONMENT_VARIABLE + " environment variable).",
                "Find the key in the CAD: Admin > In-Game Integration > API (click it to copy).",
                "Then run /cad reload. No restart is needed.",
                "",
                "Until then CadBridge stays loaded and /cad tells players why it cannot reach the CAD.");
        return box(lines);
    }

    /** The CAD itself refused the key (or the server id): the same box, with the CAD's words. */
    public static String rejected(String configFile, String cadMessage, String traceId) {
        List<String> lines = new ArrayList<>(List.of(
                "Sonoran CAD refused CadBridge's credentials: " + cadMessage,
                "",
                "Check sonoran.api-key and sonoran.server-id in " + configFile,
                "(or the " + ConfigLoader.API_KEY_ENVIRONMENT_VARIABLE + " environment variable).",
                "Find the key in the CAD: Admin > In-Game Integration > API (click it to copy).",
                "Then run /cad reload."));
        if (traceId != null && !traceId.isBlank()) {
            lines.add("Trace id for Sonoran support: " + traceId);
        }
        return box(lines);
    }

    static String box(List<String> lines) {
        int width = lines.stream().mapToInt(String::length).max().orElse(0);
        List<String> out = new ArrayList<>();
        out.add("+" + "-".repeat(width + 2) + "+");
        for (String line : lines) {
            out.add("| " + line + " ".repeat(width - line.length()) + " |");
        }
        out.add("+" + "-".repeat(width + 2) + "+");
        return System.lineSeparator() + String.join(System.lineSeparator(), out);
    }
}
