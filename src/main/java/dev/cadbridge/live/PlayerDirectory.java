package dev.cadbridge.live;

import java.util.Optional;
import java.util.UUID;

/** Finds the online player behind a CAD unit: by its community user id, else by the linked CAD account. Any thread. */
@FunctionalInterface
public interface PlayerDirectory {
    Optional<UUID> onlinePlayerOf(CadUnit unit);
}
