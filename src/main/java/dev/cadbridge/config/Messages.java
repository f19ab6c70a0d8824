package dev.cadbridge.config;

import java.util.EnumMap;
import java.util.Map;
import net.kyori.adventure.text.Component;
import net.kyori.adventure.text.minimessage.MiniMessage;
import net.kyori.adventure.text.minimessage.tag.resolver.Placeholder;
import net.kyori.adventure.text.minimessage.tag.resolver.TagResolver;

/** Renders {@link Message} templates. Values that come from people are inserted as plain text, never parsed. */
public final class Messages {
    private final Map<Message, String> templates;
    private final MiniMessage miniMessage = MiniMessage.miniMessage();

    public Messages(Map<Message, String> overrides) {
        EnumMap<Message, String> all = new EnumMap<>(Message.class);
        for (Message message : Message.values()) {
            all.put(message, overrides.getOrDefault(message, message.defaultTemplate()));
        }
        this.templates = all;
    }

    public static Messages defaults() {
        return new Messages(Map.of());
    }

    /** The message with the prefix in front. */
    public Component render(Message message, TagResolver... placeholders) {
        return bare(Message.PREFIX).append(bare(message, placeholders));
    }

    /** The message alone, for follow-up lines. */
    public Component bare(Message message, TagResolver... placeholders) {
        return miniMessage.deserialize(templates.get(message), TagResolver.resolver(placeholders));
    }

    /** A placeholder whose value is shown literally, so a player name or reason cannot inject formatting. */
    public static TagResolver text(String name, Object value) {
        return Placeholder.unparsed(name, String.valueOf(value));
    }

    public static TagResolver component(String name, Component value) {
        return Placeholder.component(name, value);
    }
}
