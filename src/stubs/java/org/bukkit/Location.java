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

    public World getWorld() {
        throw new UnsupportedOperationException("stub");
    }

    public double getX() {
        throw new UnsupportedOperationException("stub");
    }

    public double getY() {
        throw new UnsupportedOperationException("stub");
    }

    public double getZ() {
        throw new UnsupportedOperationException("stub");
    }

    public float getYaw() {
        throw new UnsupportedOperationException("stub");
    }
}
