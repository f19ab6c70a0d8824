package dev.cadbridge.platform;

import java.util.Optional;
import net.kyori.adventure.text.Component;

/** Whoever ran a command: a player, the console, or another plugin. */
public interface CommandSource {

    String name();

    boolean hasPermission(String permission);

    void sendMessage(Component message);

    /** Present when the source is a player. */
    Optional<PlatformPlayer> asPlayer();
}
