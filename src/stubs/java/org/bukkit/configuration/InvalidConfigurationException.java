package org.bukkit.configuration;

public class InvalidConfigurationException extends Exception {
    public InvalidConfigurationException(String message) {
        throw new UnsupportedOperationException("stub");
    }
}
