package dev.cadbridge.command;

import dev.cadbridge.config.ConfigProblem;
import dev.cadbridge.doctor.Setup;
import dev.cadbridge.live.LiveStatus;
import dev.cadbridge.network.NetworkStatus;
import dev.cadbridge.storage.StorageStatus;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** What /cad reload and /cad status need from the plugin core. */
public interface AdminActions {
    /** Re-reads config.yml off the server thread and applies it; completes on the server thread. */
    CompletableFuture<List<ConfigProblem>> reload();

    /** The problems found when config.yml was last read. */
    List<ConfigProblem> configProblems();

    /** config.yml sections changed since start that only a restart applies (dispatcher, storage). */
    List<String> sectionsNeedingRestart();

    /** Where identities and the outbox are kept and whether that works; empty when nothing is stored. */
    Optional<StorageStatus> storageStatus();

    /** The live session with the CAD's hub; state {@code OFF} with {@link #liveOffReason()} when there is none. */
    default LiveStatus liveStatus() {
        return new LiveStatus(LiveStatus.State.OFF, null, null, 0, 0, 0, null, null, 0);
    }

    default String liveOffReason() {
        return "off";
    }
    /** The configuration facts /cad doctor checks, without secrets. */
    Setup setup();

    /** Network mode: who sends for the servers sharing the database; empty when this server takes no part. */
    default Optional<NetworkStatus> networkStatus() {
        return Optional.empty();
    }
}
