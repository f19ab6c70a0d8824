package dev.cadbridge.command;

import dev.cadbridge.config.ConfigProblem;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** What /cad reload and /cad status need from the plugin core. */
public interface AdminActions {
    /** Re-reads config.yml off the server thread and applies it; completes on the server thread. */
    CompletableFuture<List<ConfigProblem>> reload();

    /** The problems found when config.yml was last read. */
    List<ConfigProblem> configProblems();
}
