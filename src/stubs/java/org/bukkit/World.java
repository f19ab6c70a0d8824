package org.bukkit;

public interface World extends Keyed {
}
