package dev.cadbridge.command;

import dev.cadbridge.config.Message;
import dev.cadbridge.config.Messages;
import dev.cadbridge.platform.CommandSource;
import dev.cadbridge.platform.PlatformPlayer;
import dev.cadbridge.sonoran.AttachUnits;
import dev.cadbridge.sonoran.OperationLimits;
import java.util.List;

/** {@code /cad attach <callId> [player...]}: yourself, or others with the staff permission. */
final class AttachCommand implements Subcommand {
    private final CommandServices services;
    private final CadRequests requests;

    AttachCommand(CommandServices services, CadRequests requests) {
        this.services = services;
        this.requests = requests;
    }

    @Override
    public String name() {
        return "attach";
    }

    @Override
    public String usage() {
        return "/cad attach <callId> [player...]";
    }

    @Override
    public String description() {
        return "attach yourself (or named players) to a call";
    }

    @Override
    public boolean canUse(CommandSource sender) {
        return sender.hasPermission(Permissions.USE_ATTACH) || sender.hasPermission(Permissions.STAFF_ATTACH);
    }

    @Override
    public void run(CommandSource sender, List<String> args) {
        if (args.isEmpty()) {
            throw new CommandFailure(Message.USAGE, Messages.text("usage", usage()));
        }
        long callId = OperationLimits.parseCallId("callId", args.get(0));
        List<PlatformPlayer> units = Players.targets(services.platform(), sender, args.subList(1, args.size()),
                Permissions.USE_ATTACH, Permissions.STAFF_ATTACH, usage());
        AttachUnits attach = new AttachUnits(callId, units.stream()
                .map(unit -> services.identities().cadIdOf(unit.uniqueId(), unit.name())).toList());
        String names = Players.joinNames(units);
        requests.send(sender, attach,
                delivered -> services.messages().render(Message.ATTACHED, Messages.text("units", names), Messages.text("call_id", callId)),
                left -> left.done() == 0
                        ? services.messages().render(Message.ATTACH_NOT_LOGGED_IN, Messages.text("units", names), Messages.text("call_id", callId))
                        : services.messages().render(Message.ATTACHED_PARTLY, Messages.text("done", left.done()),
                                Messages.text("count", left.named()), Messages.text("units", names), Messages.text("call_id", callId)));
    }

    @Override
    public List<String> complete(CommandSource sender, List<String> args) {
        if (args.size() < 2 || !sender.hasPermission(Permissions.STAFF_ATTACH)) {
            return List.of();
        }
        return Players.names(services.platform(), Players.last(args));
    }
}
