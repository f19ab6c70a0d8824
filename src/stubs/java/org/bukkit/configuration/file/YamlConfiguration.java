package org.bukkit.configuration.file;

public class YamlConfiguration extends FileConfiguration {
    public YamlConfiguration() {
        throw new UnsupportedOperationException("stub");
    }
}
