package dev.cadbridge.command;

import dev.cadbridge.config.Message;
import net.kyori.adventure.text.minimessage.tag.resolver.TagResolver;

/** Stops a command with a message for the sender. Nothing was sent and no cooldown started. */
public final class CommandFailure extends RuntimeException {
    private final transient Message message;
    private final transient TagResolver[] placeholders;

    public CommandFailure(Message message, TagResolver... placeholders) {
        super(message.key(), null, false, false);
        this.message = message;
        this.placeholders = placeholders;
    }

    public Message messageKey() {
        return message;
    }

    public TagResolver[] placeholders() {
        return placeholders;
    }
}
