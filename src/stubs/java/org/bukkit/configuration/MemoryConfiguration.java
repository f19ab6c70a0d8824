package org.bukkit.configuration;

public class MemoryConfiguration extends MemorySection implements Configuration {
    public MemoryConfiguration() {
        throw new UnsupportedOperationException("stub");
    }
}
