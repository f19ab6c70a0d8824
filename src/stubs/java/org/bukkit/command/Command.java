package org.bukkit.command;

public abstract class Command {
    protected Command(String name) {
        throw new UnsupportedOperationException("stub");
    }

    public String getName() {
        throw new UnsupportedOperationException("stub");
    }
}
