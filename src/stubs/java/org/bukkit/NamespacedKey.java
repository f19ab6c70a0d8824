package org.bukkit;

public final class NamespacedKey {
    private NamespacedKey() {
        throw new UnsupportedOperationException("stub");
    }

    public String getKey() {
        throw new UnsupportedOperationException("stub");
    }
}
