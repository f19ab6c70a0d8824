package dev.cadbridge.paper;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import net.kyori.adventure.text.Component;
import net.kyori.adventure.text.serializer.plain.PlainTextComponentSerializer;

/** Everything one sender (a MockBukkit player or the console) was sent, oldest first. */
final class Inbox {
    private final Supplier<Component> next;
    private final List<Component> received = new ArrayList<>();

    Inbox(Supplier<Component> next) {
        this.next = next;
    }

    List<Component> components() {
        Component message;
        while ((message = next.get()) != null) {
            received.add(message);
        }
        return received;
    }

    List<String> lines() {
        return components().stream().map(Inbox::plain).toList();
    }

    String last() {
        List<String> lines = lines();
        return lines.isEmpty() ? null : lines.get(lines.size() - 1);
    }

    boolean has(String fragment) {
        return lines().stream().anyMatch(line -> line.contains(fragment));
    }

    void clear() {
        components();
        received.clear();
    }

    static String plain(Component component) {
        return PlainTextComponentSerializer.plainText().serialize(component);
    }
}
