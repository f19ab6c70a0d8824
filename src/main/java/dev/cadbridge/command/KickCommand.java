package dev.cadbridge.command;

import dev.cadbridge.config.Message;
import dev.cadbridge.config.Messages;
import dev.cadbridge.platform.CommandSource;
import dev.cadbridge.platform.PlatformPlayer;
import dev.cadbridge.sonoran.KickUnit;
import java.util.List;

/** {@code /cad kick <player> [reason...]}: send a player's unit back to the community menu. */
final class KickCommand implements Subcommand {
    private final CommandServices services;
    private final CadRequests requests;

    KickCommand(CommandServices services, CadRequests requests) {
        this.services = services;
        this.requests = requests;
    }

    @Override
    public String name() {
        return "kick";
    }

    @Override
    public String usage() {
        return "/cad kick <player> [reason...]";
    }

    @Override
    public String description() {
        return "send a player's unit back to the CAD community menu";
    }

    @Override
    public boolean canUse(CommandSource sender) {
        return sender.hasPermission(Permissions.STAFF_KICK);
    }

    @Override
    public void run(CommandSource sender, List<String> args) {
        if (args.isEmpty()) {
            throw new CommandFailure(Message.USAGE, Messages.text("usage", usage()));
        }
        PlatformPlayer target = Players.online(services.platform(), args.get(0));
        String reason = args.size() > 1
                ? String.join(" ", args.subList(1, args.size()))
                : services.config().get().commands().defaultKickReason();
        KickUnit kick = new KickUnit(services.identities().cadIdOf(target.uniqueId(), target.name()), reason);
        requests.send(sender, kick, delivered -> services.messages().render(Message.KICKED,
                Messages.text("unit", target.name()), Messages.text("reason", kick.reason())));
    }

    @Override
    public List<String> complete(CommandSource sender, List<String> args) {
        return args.size() == 1 ? Players.names(services.platform(), args.get(0)) : List.of();
    }
}
