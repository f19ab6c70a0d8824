package dev.cadbridge.command;

import dev.cadbridge.config.Message;
import dev.cadbridge.config.Messages;
import dev.cadbridge.platform.CommandSource;
import dev.cadbridge.platform.PlatformPlayer;
import dev.cadbridge.sonoran.DetachUnits;
import java.util.List;

/** {@code /cad detach [player...]}: yourself, or others with the staff permission. */
final class DetachCommand implements Subcommand {
    private final CommandServices services;
    private final CadRequests requests;

    DetachCommand(CommandServices services, CadRequests requests) {
        this.services = services;
        this.requests = requests;
    }

    @Override
    public String name() {
        return "detach";
    }

    @Override
    public String usage() {
        return "/cad detach [player...]";
    }

    @Override
    public String description() {
        return "take yourself (or named players) off their call";
    }

    @Override
    public boolean canUse(CommandSource sender) {
        return sender.hasPermission(Permissions.USE_DETACH) || sender.hasPermission(Permissions.STAFF_DETACH);
    }

    @Override
    public void run(CommandSource sender, List<String> args) {
        List<PlatformPlayer> units = Players.targets(services.platform(), sender, args,
                Permissions.USE_DETACH, Permissions.STAFF_DETACH, usage());
        DetachUnits detach = new DetachUnits(units.stream()
                .map(unit -> services.identities().cadIdOf(unit.uniqueId(), unit.name())).toList());
        String names = Players.joinNames(units);
        requests.send(sender, detach,
                delivered -> services.messages().render(Message.DETACHED, Messages.text("units", names)),
                left -> left.done() == 0
                        ? services.messages().render(Message.DETACH_NOT_LOGGED_IN, Messages.text("units", names))
                        : services.messages().render(Message.DETACHED_PARTLY, Messages.text("done", left.done()),
                                Messages.text("count", left.named()), Messages.text("units", names)));
    }

    @Override
    public List<String> complete(CommandSource sender, List<String> args) {
        if (!sender.hasPermission(Permissions.STAFF_DETACH)) {
            return List.of();
        }
        return Players.names(services.platform(), Players.last(args));
    }
}
