package dev.cadbridge.core;

import dev.cadbridge.config.CadBridgeConfig;
import dev.cadbridge.config.Message;
import dev.cadbridge.config.Messages;
import dev.cadbridge.link.LinkService;
import dev.cadbridge.live.Cad911Call;
import dev.cadbridge.live.CadCall;
import dev.cadbridge.live.CadUnit;
import dev.cadbridge.live.LiveGame;
import dev.cadbridge.platform.CadNews;
import dev.cadbridge.platform.Platform;
import dev.cadbridge.platform.PlatformPlayer;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import net.kyori.adventure.text.Component;
import net.kyori.adventure.text.event.ClickEvent;
import net.kyori.adventure.text.event.HoverEvent;
import net.kyori.adventure.text.minimessage.tag.resolver.TagResolver;

/**
 * The CAD's events, told to the players they concern. Runs on the live session's threads: every
 * message, and every permission check, hops to the player's own thread. Text from the CAD is
 * inserted literally, never read as formatting.
 */
final class LiveAnnouncer implements LiveGame {
    static final String NOTIFY_CALLS = "cadbridge.notify.calls";
    static final String NOTIFY_911 = "cadbridge.notify.911";
    static final String NOTIFY_PANIC = "cadbridge.notify.panic";

    private final Platform platform;
    private final Supplier<CadBridgeConfig> config;
    private final Supplier<LinkService> links;

    LiveAnnouncer(Platform platform, Supplier<CadBridgeConfig> config, Supplier<LinkService> links) {
        this.platform = platform;
        this.config = config;
        this.links = links;
    }

    @Override
    public void linkVerified(String communityUserId, String accountUuid) {
        links.get().verified(communityUserId, accountUuid.isEmpty() ? null : accountUuid);
        platform.announce(new CadNews.LinkVerified(communityUserId, accountUuid));
    }

    @Override
    public void attached(UUID player, CadUnit unit, CadCall call) {
        tell(player, Message.LIVE_ATTACHED, call, Messages.text("unit", unit.label()));
        platform.announce(new CadNews.CallAssignment(player, unit.label(), call.callId(), call.title(), call.address(), true));
    }

    @Override
    public void detached(UUID player, CadUnit unit, CadCall call) {
        tell(player, Message.LIVE_DETACHED, call, Messages.text("unit", unit.label()));
        platform.announce(new CadNews.CallAssignment(player, unit.label(), call.callId(), call.title(), call.address(), false));
    }

    @Override
    public void newCall(CadCall call) {
        if (config.get().live().notifyNewCall()) {
            tellEveryone(player -> player.hasPermission(NOTIFY_CALLS), messages -> withDetails(
                    messages.render(Message.LIVE_NEW_CALL, callPlaceholders(call)), call));
        }
        platform.announce(new CadNews.CallCreated(call.callId(), call.title(), call.address(), call.code(), call.priority()));
    }

    @Override
    public void new911(Cad911Call call) {
        if (config.get().live().notify911()) {
            tellEveryone(player -> player.hasPermission(NOTIFY_911), messages -> messages.render(Message.LIVE_911,
                    Messages.text("call_id", call.callId()), Messages.text("caller", orUnknown(call.caller())),
                    Messages.text("location", orUnknown(call.location())), Messages.text("description", call.description())));
        }
        platform.announce(new CadNews.Emergency911(call.callId(), call.emergency(), call.caller(), call.location(), call.description()));
    }

    @Override
    public void removed911(List<Long> callIds) {
        if (config.get().live().notifyRemove911()) {
            String ids = callIds.stream().map(id -> "#" + id).collect(Collectors.joining(", "));
            tellEveryone(player -> player.hasPermission(NOTIFY_911),
                    messages -> messages.render(Message.LIVE_911_REMOVED, Messages.text("call_ids", ids)));
        }
        platform.announce(new CadNews.Emergency911Removed(List.copyOf(callIds)));
    }

    @Override
    public void callClosed(CadCall call, Set<UUID> attachedPlayers) {
        attachedPlayers.forEach(player -> tell(player, Message.LIVE_CALL_CLOSED, call));
        platform.announce(new CadNews.CallClosed(call.callId(), call.title(), Set.copyOf(attachedPlayers)));
    }

    @Override
    public void panic(CadUnit unit, UUID panicking, boolean on, Set<UUID> onDuty) {
        Message message = on ? Message.LIVE_PANIC : Message.LIVE_PANIC_CLEARED;
        tellEveryone(player -> !player.uniqueId().equals(panicking)
                        && (onDuty.contains(player.uniqueId()) || player.hasPermission(NOTIFY_PANIC)),
                messages -> messages.render(message, Messages.text("unit", unit.label())));
        platform.announce(new CadNews.UnitPanic(unit.ident(), unit.label(), panicking, on));
    }

    /** The line is rendered here, off the server thread; the player's thread only sends it. */
    private void tell(UUID playerId, Message message, CadCall call, TagResolver... more) {
        platform.onlinePlayer(playerId).ifPresent(player -> {
            Component line = withDetails(config.get().messages().render(message, concat(callPlaceholders(call), more)), call);
            platform.runFor(player, () -> player.sendMessage(line));
        });
    }

    /** One rendering for everyone; each player's thread checks who they are (permissions live there) and sends it. */
    private void tellEveryone(Predicate<PlatformPlayer> who, java.util.function.Function<Messages, Component> render) {
        Component line = render.apply(config.get().messages());
        for (PlatformPlayer player : platform.onlinePlayers()) {
            platform.runFor(player, () -> {
                if (who.test(player)) {
                    player.sendMessage(line);
                }
            });
        }
    }

    private static TagResolver[] callPlaceholders(CadCall call) {
        StringBuilder text = new StringBuilder("#").append(call.callId());
        if (!call.title().isEmpty()) {
            text.append(": ").append(call.title());
        }
        if (!call.address().isEmpty()) {
            text.append(" at ").append(call.address());
        }
        return new TagResolver[] {Messages.text("call", text), Messages.text("call_id", call.callId()),
                Messages.text("title", call.title()), Messages.text("address", call.address())};
    }

    /** Hover shows what else the CAD said about the call; a click copies its number for /cad attach. */
    private static Component withDetails(Component line, CadCall call) {
        StringBuilder details = new StringBuilder("Call #").append(call.callId());
        append(details, "Title", call.title());
        append(details, "Code", call.code());
        append(details, "Address", call.address());
        append(details, "Postal", call.postal());
        if (call.priority() > 0) {
            append(details, "Priority", String.valueOf(call.priority()));
        }
        append(details, "Description", call.description());
        details.append("\nClick to copy the call number");
        return line.hoverEvent(HoverEvent.showText(Component.text(details.toString())))
                .clickEvent(ClickEvent.copyToClipboard(String.valueOf(call.callId())));
    }

    private static void append(StringBuilder details, String label, String value) {
        if (!value.isEmpty()) {
            details.append('\n').append(label).append(": ").append(value);
        }
    }

    private static String orUnknown(String text) {
        return text.isEmpty() ? "unknown" : text;
    }

    private static TagResolver[] concat(TagResolver[] first, TagResolver[] second) {
        TagResolver[] all = new TagResolver[first.length + second.length];
        System.arraycopy(first, 0, all, 0, first.length);
        System.arraycopy(second, 0, all, first.length, second.length);
        return all;
    }
}
