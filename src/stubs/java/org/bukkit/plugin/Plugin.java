package org.bukkit.plugin;

import java.util.logging.Logger;
import org.bukkit.Server;

public interface Plugin {
    Logger getLogger();

    Server getServer();

    String getName();

    boolean isEnabled();
}
