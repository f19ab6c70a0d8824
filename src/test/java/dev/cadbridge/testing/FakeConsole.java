package dev.cadbridge.testing;

import dev.cadbridge.platform.CommandSource;
import dev.cadbridge.platform.PlatformPlayer;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import net.kyori.adventure.text.Component;

/** The server console: every permission, no player. */
public final class FakeConsole implements CommandSource {
    private final List<Component> received = new CopyOnWriteArrayList<>();

    @Override
    public String name() {
        return "CONSOLE";
    }

    @Override
    public boolean hasPermission(String permission) {
        return true;
    }

    @Override
    public void sendMessage(Component message) {
        received.add(message);
    }

    @Override
    public Optional<PlatformPlayer> asPlayer() {
        return Optional.empty();
    }

    public List<String> messages() {
        return received.stream().map(Texts::plain).toList();
    }

    public List<Component> components() {
        return List.copyOf(received);
    }

    public String lastMessage() {
        List<String> all = messages();
        return all.isEmpty() ? "" : all.get(all.size() - 1);
    }

    public void clearMessages() {
        received.clear();
    }
}
