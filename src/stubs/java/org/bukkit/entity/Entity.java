package org.bukkit.entity;

import io.papermc.paper.threadedregions.scheduler.EntityScheduler;
import java.util.UUID;
import org.bukkit.Location;
import org.bukkit.command.CommandSender;

public interface Entity extends CommandSender {
    UUID getUniqueId();

    Location getLocation();

    Location getLocation(Location loc);

    boolean isInsideVehicle();

    boolean isInWater();

    EntityScheduler getScheduler();
}
