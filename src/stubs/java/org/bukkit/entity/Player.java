package org.bukkit.entity;

import java.time.Duration;
import org.bukkit.OfflinePlayer;

public interface Player extends HumanEntity, OfflinePlayer {
    Duration getIdleDuration();
}
