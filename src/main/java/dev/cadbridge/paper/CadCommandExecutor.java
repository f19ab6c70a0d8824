package dev.cadbridge.paper;

import dev.cadbridge.core.CadBridgeCore;
import dev.cadbridge.platform.CommandSource;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.bukkit.command.Command;
import org.bukkit.command.CommandExecutor;
import org.bukkit.command.CommandSender;
import org.bukkit.command.TabCompleter;
import org.bukkit.entity.Player;

/**
 * Hands {@code /cad} (and its aliases) to the core, and the short forms RP players type,
 * {@code /911}, {@code /311} and {@code /panic}, as the {@code /cad} subcommand of the same name:
 * this layer only forwards, the core decides.
 */
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

    /** The short forms: each command of plugin.yml that stands for one /cad subcommand. */
    static final Set<String> SHORT_FORMS = Set.of("911", "311", "panic");

    /** {@code args} as {@code /cad} receives them: a short form puts its subcommand in front. */
    static String[] cadArguments(Command command, String[] args) {
        String name = command.getName().toLowerCase(Locale.ROOT);
        if (!SHORT_FORMS.contains(name)) {
            return args;
        }
        String[] forwarded = new String[args.length + 1];
        forwarded[0] = name;
        System.arraycopy(args, 0, forwarded, 1, args.length);
        return forwarded;
    }

    @Override
    public boolean onCommand(CommandSender sender, Command command, String label, String[] args) {
        core.command().execute(source(sender), cadArguments(command, args));
        return true;
    }

    @Override
    public List<String> onTabComplete(CommandSender sender, Command command, String label, String[] args) {
        return core.command().complete(source(sender), cadArguments(command, args));
    }
}
