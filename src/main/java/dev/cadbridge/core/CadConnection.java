package dev.cadbridge.core;

import dev.cadbridge.outbound.CadDispatcher;
import dev.cadbridge.outbound.PendingOperation;
import dev.cadbridge.sonoran.CadLinks;
import dev.cadbridge.sonoran.CredentialCheck;
import dev.cadbridge.sonoran.SonoranSettings;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** One configured way to the CAD: the dispatcher for operations and the link endpoints. */
public interface CadConnection {

    CadDispatcher dispatcher();

    CadLinks links();

    /** New credentials, base URL or generation, applied without dropping queued work. */
    void reconfigure(SonoranSettings settings);

    /** Whether the CAD accepts the key; never fails. Connections that cannot tell answer NOT_CHECKABLE. */
    default CompletableFuture<CredentialCheck> checkCredentials() {
        return CompletableFuture.completedFuture(new CredentialCheck(CredentialCheck.Result.NOT_CHECKABLE, "", null));
    }

    /** Stops intake and drains within {@code timeout}; returns what could not be sent. */
    default List<PendingOperation> close(Duration timeout) {
        return dispatcher().close(timeout);
    }
}
