package org.bukkit.plugin.java;

import java.io.File;
import java.util.logging.Logger;
import org.bukkit.Server;
import org.bukkit.command.PluginCommand;
import org.bukkit.plugin.PluginBase;

public abstract class JavaPlugin extends PluginBase {
    public JavaPlugin() {
        throw new UnsupportedOperationException("stub");
    }

    public void onEnable() {
        throw new UnsupportedOperationException("stub");
    }

    public void onDisable() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public Logger getLogger() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public final Server getServer() {
        throw new UnsupportedOperationException("stub");
    }

    public final File getDataFolder() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public final boolean isEnabled() {
        throw new UnsupportedOperationException("stub");
    }

    public void saveDefaultConfig() {
        throw new UnsupportedOperationException("stub");
    }

    public PluginCommand getCommand(String name) {
        throw new UnsupportedOperationException("stub");
    }
}
