package dev.cadbridge.command;

import dev.cadbridge.config.Message;
import dev.cadbridge.config.Messages;
import dev.cadbridge.platform.CommandSource;
import dev.cadbridge.platform.PlatformPlayer;
import dev.cadbridge.sonoran.SetUnitStatus;
import java.util.List;
import java.util.Locale;

/** {@code /cad unit <status> [player...]}: your unit's status, or with the staff permission others'. */
final class UnitStatusCommand implements Subcommand {
    /** The names players type, indexed by the CAD's status number (0 unavailable … 4 on scene). */
    private static final List<String> STATUSES = List.of("unavailable", "busy", "available", "enroute", "onscene");

    private final CommandServices services;
    private final CadRequests requests;

    UnitStatusCommand(CommandServices services, CadRequests requests) {
        this.services = services;
        this.requests = requests;
    }

    @Override
    public String name() {
        return "unit";
    }

    @Override
    public String usage() {
        return "/cad unit <available|busy|enroute|onscene|unavailable|0-4> [player...]";
    }

    @Override
    public String description() {
        return "set your unit's status (or named players')";
    }

    @Override
    public boolean canUse(CommandSource sender) {
        return sender.hasPermission(Permissions.USE_UNIT) || sender.hasPermission(Permissions.STAFF_UNIT);
    }

    @Override
    public void run(CommandSource sender, List<String> args) {
        if (args.isEmpty()) {
            throw new CommandFailure(Message.USAGE, Messages.text("usage", usage()));
        }
        int status = status(args.get(0));
        if (status < 0) {
            throw new CommandFailure(Message.USAGE, Messages.text("usage", usage()));
        }
        List<PlatformPlayer> units = Players.targets(services.platform(), sender, args.subList(1, args.size()),
                Permissions.USE_UNIT, Permissions.STAFF_UNIT, usage());
        SetUnitStatus set = new SetUnitStatus(units.stream()
                .map(unit -> services.identities().cadIdOf(unit.uniqueId(), unit.name())).toList(), status);
        String names = Players.joinNames(units);
        String statusName = STATUSES.get(status);
        requests.send(sender, set,
                delivered -> services.messages().render(Message.UNIT_STATUS_SET, Messages.text("units", names), Messages.text("status", statusName)),
                left -> left.done() == 0
                        ? services.messages().render(Message.UNIT_STATUS_NOT_LOGGED_IN, Messages.text("units", names))
                        : services.messages().render(Message.UNIT_STATUS_PARTLY, Messages.text("done", left.done()),
                                Messages.text("count", left.named()), Messages.text("units", names), Messages.text("status", statusName)));
    }

    /** The status number for a typed name or digit, or -1. */
    private static int status(String typed) {
        String word = typed.toLowerCase(Locale.ROOT);
        if (word.length() == 1 && word.charAt(0) >= '0' && word.charAt(0) < '0' + STATUSES.size()) {
            return word.charAt(0) - '0';
        }
        return STATUSES.indexOf(word);
    }

    @Override
    public List<String> complete(CommandSource sender, List<String> args) {
        if (args.size() == 1) {
            return Players.matching(STATUSES, args.get(0));
        }
        if (!sender.hasPermission(Permissions.STAFF_UNIT)) {
            return List.of();
        }
        return Players.names(services.platform(), Players.last(args));
    }
}
