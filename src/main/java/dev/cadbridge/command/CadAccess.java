package dev.cadbridge.command;

import dev.cadbridge.outbound.CadDispatcher;
import dev.cadbridge.sonoran.ApiGeneration;
import dev.cadbridge.sonoran.CadLinks;
import java.util.Optional;

/** The current way to the CAD; it changes on /cad reload, so commands ask for it each time. */
public interface CadAccess {
    CadDispatcher dispatcher();

    CadLinks links();

    ApiGeneration generation();

    /** Why the CAD cannot be reached with the current configuration; empty when it can. */
    Optional<String> unavailableReason();
}
