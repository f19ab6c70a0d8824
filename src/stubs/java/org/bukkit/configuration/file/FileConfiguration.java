package org.bukkit.configuration.file;

import java.io.File;
import java.io.IOException;
import org.bukkit.configuration.InvalidConfigurationException;
import org.bukkit.configuration.MemoryConfiguration;

public abstract class FileConfiguration extends MemoryConfiguration {
    public FileConfiguration() {
        throw new UnsupportedOperationException("stub");
    }

    public void load(File file) throws IOException, InvalidConfigurationException {
        throw new UnsupportedOperationException("stub");
    }
}
