package dev.cadbridge.platform;

/**
 * A player's position and facing, written in place by {@link PlatformPlayer#samplePosition} so that
 * sampling many players many times a second allocates nothing. Owned by one sampler.
 */
public final class PositionSample {
    /** The world's name; the same string object while the player stays in that world. */
    public String world = "";
    public double x;
    public double y;
    public double z;
    /** Facing in degrees, as the server gives it. */
    public float yaw;
}
