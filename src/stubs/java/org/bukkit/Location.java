package org.bukkit;

public class Location {
    public Location(World world, double x, double y, double z) {
        throw new UnsupportedOperationException("stub");
    }

    public int getBlockX() {
        throw new UnsupportedOperationException("stub");
    }

    public int getBlockY() {
        throw new UnsupportedOperationException("stub");
    }

    public int getBlockZ() {
        throw new UnsupportedOperationException("stub");
    }
}
