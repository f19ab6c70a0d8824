package org.bukkit.plugin;

public abstract class PluginBase implements Plugin {
    public PluginBase() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public final String getName() {
        throw new UnsupportedOperationException("stub");
    }
}
