package dev.cadbridge.paper;

import dev.cadbridge.core.CadBridgeCore;
import dev.cadbridge.platform.CommandSource;
import java.util.List;
import org.bukkit.command.Command;
import org.bukkit.command.CommandExecutor;
import org.bukkit.command.CommandSender;
import org.bukkit.command.TabCompleter;
import org.bukkit.entity.Player;

/** Hands {@code /cad} (and its aliases) to the core. */
final class CadCommandExecutor implements CommandExecutor, TabCompleter {
    private final CadBridgeCore core;
    private final PaperPlatform platform;

    CadCommandExecutor(CadBridgeCore core, PaperPlatform platform) {
        this.core = core;
        this.platform = platform;
    }

    private CommandSource source(CommandSender sender) {
        return sender instanceof Player player ? platform.wrap(player) : new PaperCommandSource(sender);
    }

    @Override
    public boolean onCommand(CommandSender sender, Command command, String label, String[] args) {
        core.command().execute(source(sender), args);
        return true;
    }

    @Override
    public List<String> onTabComplete(CommandSender sender, Command command, String label, String[] args) {
        return core.command().complete(source(sender), args);
    }
}
