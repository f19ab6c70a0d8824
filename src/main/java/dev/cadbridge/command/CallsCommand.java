package dev.cadbridge.command;

import dev.cadbridge.config.Message;
import dev.cadbridge.config.Messages;
import dev.cadbridge.outbound.CadQueries;
import dev.cadbridge.platform.CommandSource;
import dev.cadbridge.sonoran.ActiveCall;
import dev.cadbridge.sonoran.OperationType;
import java.util.ArrayList;
import java.util.List;
import net.kyori.adventure.text.Component;
import net.kyori.adventure.text.event.ClickEvent;
import net.kyori.adventure.text.event.HoverEvent;

/**
 * {@code /cad calls}: the open dispatch and 911 calls (v2 {@code GET .../calls}, 5 a minute), from
 * a short cache. A dispatch call offers "attach me" ({@code /cad attach <id>}); a 911 call offers
 * staff who may remove it {@code /cad 911 remove <id>} to confirm. Text from the CAD is shown as it
 * is, never read as formatting.
 */
final class CallsCommand implements Subcommand {
    private final CommandServices services;
    private final ActiveListCache<ActiveCall> calls;

    CallsCommand(CommandServices services) {
        this.services = services;
        this.calls = new ActiveListCache<>(services.clock(), () -> services.config().get().commands().activeListCache(),
                OperationType.ACTIVE_CALLS, CadQueries::activeCalls);
    }

    @Override
    public String name() {
        return "calls";
    }

    @Override
    public String usage() {
        return "/cad calls";
    }

    @Override
    public String description() {
        return "list the open calls in the CAD";
    }

    @Override
    public boolean canUse(CommandSource sender) {
        return sender.hasPermission(Permissions.STAFF_CALLS);
    }

    @Override
    public void run(CommandSource sender, List<String> args) {
        if (!args.isEmpty()) {
            throw new CommandFailure(Message.USAGE, Messages.text("usage", usage()));
        }
        ActiveLists.answer(services, sender, usage(), calls, this::lines);
    }

    private List<Component> lines(CommandSource to, ActiveListCache.Snapshot<ActiveCall> snapshot) {
        Messages messages = services.messages();
        String age = ActiveLists.age(services, snapshot);
        List<ActiveCall> open = snapshot.items();
        if (open.isEmpty()) {
            return List.of(messages.render(Message.CALLS_NONE, Messages.text("age", age)));
        }
        List<Component> lines = new ArrayList<>();
        lines.add(messages.render(Message.CALLS_HEADER, Messages.text("count", open.size()), Messages.text("age", age)));
        for (ActiveCall call : open.subList(0, Math.min(open.size(), ActiveLists.MAX_LINES))) {
            lines.add(call.kind() == ActiveCall.Kind.DISPATCH_CALL ? dispatchLine(to, call) : emergencyLine(to, call));
        }
        if (open.size() > ActiveLists.MAX_LINES) {
            lines.add(messages.bare(Message.LIST_MORE, Messages.text("count", open.size() - ActiveLists.MAX_LINES)));
        }
        return lines;
    }

    private Component dispatchLine(CommandSource to, ActiveCall call) {
        Messages messages = services.messages();
        Component attach = Component.empty();
        if (to.asPlayer().isPresent() && to.hasPermission(Permissions.USE_ATTACH)) {
            attach = messages.bare(Message.CALLS_ATTACH_BUTTON)
                    .clickEvent(ClickEvent.runCommand("/cad attach " + call.callId()))
                    .hoverEvent(HoverEvent.showText(messages.bare(Message.CALLS_ATTACH_HOVER, Messages.text("call_id", call.callId()))));
        }
        return messages.bare(Message.CALLS_LINE, Messages.text("call_id", call.callId()), Messages.text("title", orDash(call.title())),
                Messages.text("priority", call.priority()), Messages.text("address", orDash(call.address())),
                Messages.text("units", call.unitIds().size()), Messages.component("attach", attach));
    }

    private Component emergencyLine(CommandSource to, ActiveCall call) {
        Messages messages = services.messages();
        Component remove = Component.empty();
        if (to.hasPermission(Permissions.STAFF_911_REMOVE) && to.asPlayer().isPresent()) {
            // Suggested, not run: removing a caller's 911 call deserves a second look.
            remove = messages.bare(Message.CALLS_REMOVE_BUTTON)
                    .clickEvent(ClickEvent.suggestCommand("/cad 911 remove " + call.callId()))
                    .hoverEvent(HoverEvent.showText(messages.bare(Message.CALLS_REMOVE_HOVER, Messages.text("call_id", call.callId()))));
        }
        return messages.bare(call.emergency() ? Message.CALLS_911_LINE : Message.CALLS_311_LINE,
                Messages.text("call_id", call.callId()), Messages.text("description", orDash(call.description())),
                Messages.text("caller", orDash(call.caller())), Messages.text("address", orDash(call.address())),
                Messages.component("remove", remove));
    }

    private static String orDash(String text) {
        return text.isBlank() ? "-" : text;
    }

    @Override
    public List<String> complete(CommandSource sender, List<String> args) {
        return List.of();
    }
}
