package org.bukkit.configuration;

import java.util.Set;

public class MemorySection implements ConfigurationSection {
    protected MemorySection() {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public Set<String> getKeys(boolean deep) {
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public Object get(String path) {
        throw new UnsupportedOperationException("stub");
    }
}
