package dev.cadbridge.command;

import dev.cadbridge.config.Message;
import dev.cadbridge.config.Messages;
import net.kyori.adventure.text.Component;
import net.kyori.adventure.text.TextComponent;

/**
 * One line of {@code /cad status}: what it is about, how good the news is, the facts, and what to
 * do about it when the news is bad ({@code hint}, may be null). Label, value and hint are shown
 * literally: they carry text from the CAD and the database.
 */
record StatusLine(String label, Tone tone, String value, String hint) {

    enum Tone {
        GOOD(Message.STATUS_GOOD),
        WARNING(Message.STATUS_WARNING),
        BAD(Message.STATUS_BAD),
        INFO(Message.STATUS_INFO);

        private final Message template;

        Tone(Message template) {
            this.template = template;
        }
    }

    static StatusLine good(String label, String value) {
        return new StatusLine(label, Tone.GOOD, value, null);
    }

    static StatusLine info(String label, String value) {
        return new StatusLine(label, Tone.INFO, value, null);
    }

    static StatusLine warning(String label, String value, String hint) {
        return new StatusLine(label, Tone.WARNING, value, hint);
    }

    static StatusLine bad(String label, String value, String hint) {
        return new StatusLine(label, Tone.BAD, value, hint);
    }

    /** In the colours of the owner's {@code status-*} messages. */
    Component render(Messages messages) {
        Component shownHint = hint == null ? Component.empty() : messages.bare(Message.STATUS_HINT, Messages.text("hint", hint));
        return messages.bare(tone.template, Messages.text("label", label), Messages.text("value", value),
                Messages.component("hint", shownHint));
    }

    /** The same words without colour or decoration, for the console and the log. */
    static Component plain(Component styled) {
        StringBuilder text = new StringBuilder();
        appendText(styled, text);
        return Component.text(text.toString());
    }

    private static void appendText(Component component, StringBuilder out) {
        if (component instanceof TextComponent text) {
            out.append(text.content());
        }
        component.children().forEach(child -> appendText(child, out));
    }
}
