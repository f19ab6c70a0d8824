package dev.cadbridge.testing;

import net.kyori.adventure.text.Component;
import net.kyori.adventure.text.TextComponent;

/** What a player would read: the text of a component without its formatting. */
public final class Texts {
    private Texts() {}

    public static String plain(Component component) {
        StringBuilder out = new StringBuilder();
        append(component, out);
        return out.toString();
    }

    private static void append(Component component, StringBuilder out) {
        if (component instanceof TextComponent text) {
            out.append(text.content());
        }
        for (Component child : component.children()) {
            append(child, out);
        }
    }
}
