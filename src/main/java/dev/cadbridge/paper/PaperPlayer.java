package dev.cadbridge.paper;

import dev.cadbridge.platform.BlockPosition;
import dev.cadbridge.platform.PlatformPlayer;
import dev.cadbridge.platform.PositionSample;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import net.kyori.adventure.text.Component;
import org.bukkit.Location;
import org.bukkit.World;
import org.bukkit.entity.Player;

/** A Bukkit player seen through {@link PlatformPlayer}. */
final class PaperPlayer implements PlatformPlayer {
    private final Player player;
    private final PaperPlatform platform;

    PaperPlayer(Player player, PaperPlatform platform) {
        this.player = player;
        this.platform = platform;
    }

    Player bukkitPlayer() {
        return player;
    }

    @Override
    public UUID uniqueId() {
        return player.getUniqueId();
    }

    @Override
    public String name() {
        return player.getName();
    }

    @Override
    public boolean hasPermission(String permission) {
        return player.hasPermission(permission);
    }

    @Override
    public void sendMessage(Component message) {
        player.sendMessage(message);
    }

    @Override
    public BlockPosition blockPosition() {
        Location location = player.getLocation();
        return new BlockPosition(location.getBlockX(), location.getBlockY(), location.getBlockZ());
    }

    /** Reused by the live map's sampler, on this player's thread only. */
    private Location scratch;

    @Override
    public void samplePosition(PositionSample into) {
        if (scratch == null) {
            scratch = new Location(null, 0, 0, 0);
        }
        player.getLocation(scratch);
        World world = scratch.getWorld();
        // the world's key ("overworld", "the_nether", a custom world's name): cached by the server, no allocation
        into.world = world == null ? "" : world.getKey().getKey();
        into.x = scratch.getX();
        into.y = scratch.getY();
        into.z = scratch.getZ();
        into.yaw = scratch.getYaw();
    }

    @Override
    public Optional<Duration> idleDuration() {
        return platform.idleDurationOf(player);
    }
}
