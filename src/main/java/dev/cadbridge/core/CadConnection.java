package dev.cadbridge.core;

import dev.cadbridge.dispatch.CadDispatcher;
import dev.cadbridge.dispatch.PendingOperation;
import dev.cadbridge.sonoran.CadLinks;
import dev.cadbridge.sonoran.SonoranSettings;
import java.time.Duration;
import java.util.List;

/** One configured way to the CAD: the dispatcher for operations and the link endpoints. */
public interface CadConnection {

    CadDispatcher dispatcher();

    CadLinks links();

    /** New credentials, base URL or generation, applied without dropping queued work. */
    void reconfigure(SonoranSettings settings);

    /** Stops intake and drains within {@code timeout}; returns what could not be sent. */
    default List<PendingOperation> close(Duration timeout) {
        return dispatcher().close(timeout);
    }
}
