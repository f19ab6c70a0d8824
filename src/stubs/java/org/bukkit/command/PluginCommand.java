package org.bukkit.command;

public class PluginCommand extends Command {
    // The real constructor is not public API; this one only lets the stub compile.
    PluginCommand(String name) {
        super(name);
    }

    public void setExecutor(CommandExecutor executor) {
        throw new UnsupportedOperationException("stub");
    }

    public void setTabCompleter(TabCompleter completer) {
        throw new UnsupportedOperationException("stub");
    }
}
