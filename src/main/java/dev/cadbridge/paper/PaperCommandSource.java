package dev.cadbridge.paper;

import dev.cadbridge.platform.CommandSource;
import dev.cadbridge.platform.PlatformPlayer;
import java.util.Optional;
import net.kyori.adventure.text.Component;
import org.bukkit.command.CommandSender;

/** The console, a command block or another plugin's sender. */
final class PaperCommandSource implements CommandSource {
    private final CommandSender sender;

    PaperCommandSource(CommandSender sender) {
        this.sender = sender;
    }

    @Override
    public String name() {
        return sender.getName();
    }

    @Override
    public boolean hasPermission(String permission) {
        return sender.hasPermission(permission);
    }

    @Override
    public void sendMessage(Component message) {
        sender.sendMessage(message);
    }

    @Override
    public Optional<PlatformPlayer> asPlayer() {
        return Optional.empty();
    }
}
