package dev.cadbridge.platform;

/** The block a player stands in; used for the default dispatch address. */
public record BlockPosition(int x, int y, int z) {}
