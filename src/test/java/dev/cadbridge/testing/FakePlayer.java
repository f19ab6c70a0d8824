package dev.cadbridge.testing;

import dev.cadbridge.platform.BlockPosition;
import dev.cadbridge.platform.PlatformPlayer;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import net.kyori.adventure.text.Component;

/** A player with explicitly granted permissions; keeps the messages it was sent. */
public class FakePlayer implements PlatformPlayer {
    private final UUID id;
    private final String name;
    private final Set<String> permissions = new HashSet<>();
    private final List<Component> received = new CopyOnWriteArrayList<>();
    private BlockPosition position = new BlockPosition(100, 64, -200);
    private Optional<Duration> idle = Optional.empty();
    private volatile Runnable onTouch = () -> {};

    public FakePlayer(String name) {
        this(UUID.nameUUIDFromBytes(("player:" + name).getBytes()), name);
    }

    public FakePlayer(UUID id, String name) {
        this.id = id;
        this.name = name;
    }

    public FakePlayer grant(String... nodes) {
        permissions.addAll(List.of(nodes));
        return this;
    }

    public FakePlayer revoke(String node) {
        permissions.remove(node);
        return this;
    }

    public FakePlayer at(int x, int y, int z) {
        position = new BlockPosition(x, y, z);
        return this;
    }

    /** Runs whenever the plugin reads or changes this player's state (permissions, messages, idle timer). */
    public void onTouch(Runnable check) {
        this.onTouch = check;
    }

    public void serverIdle(Duration duration) {
        idle = Optional.ofNullable(duration);
    }

    @Override
    public UUID uniqueId() {
        return id;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public boolean hasPermission(String permission) {
        onTouch.run();
        return permissions.contains(permission);
    }

    @Override
    public void sendMessage(Component message) {
        onTouch.run();
        received.add(message);
    }

    @Override
    public BlockPosition blockPosition() {
        return position;
    }

    @Override
    public Optional<Duration> idleDuration() {
        onTouch.run();
        return idle;
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
