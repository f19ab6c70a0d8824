package org.bukkit;

import java.util.UUID;

public interface OfflinePlayer {
    boolean isOnline();

    String getName();

    UUID getUniqueId();
}
