package dev.cadbridge.paper;

import dev.cadbridge.platform.BlockPosition;
import dev.cadbridge.platform.PlatformPlayer;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import net.kyori.adventure.text.Component;
import org.bukkit.Location;
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

    @Override
    public Optional<Duration> idleDuration() {
        return platform.idleDurationOf(player);
    }
}
