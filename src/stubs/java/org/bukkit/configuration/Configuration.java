package org.bukkit.configuration;

public interface Configuration extends ConfigurationSection {
}
