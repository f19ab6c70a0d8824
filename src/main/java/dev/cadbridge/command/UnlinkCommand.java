package dev.cadbridge.command;

import dev.cadbridge.config.Message;
import dev.cadbridge.config.Messages;
import dev.cadbridge.platform.CommandSource;
import dev.cadbridge.platform.PlatformPlayer;
import java.util.List;
import java.util.logging.Level;

/** {@code /cad unlink [player]}: forget a stored CAD id, so the derived default applies again. */
final class UnlinkCommand implements Subcommand {
    private final CommandServices services;

    UnlinkCommand(CommandServices services) {
        this.services = services;
    }

    @Override
    public String name() {
        return "unlink";
    }

    @Override
    public String usage() {
        return "/cad unlink [player]";
    }

    @Override
    public String description() {
        return "forget a player's stored CAD id";
    }

    @Override
    public boolean canUse(CommandSource sender) {
        return sender.hasPermission(Permissions.STAFF_UNLINK);
    }

    @Override
    public void run(CommandSource sender, List<String> args) {
        if (args.size() > 1) {
            throw new CommandFailure(Message.USAGE, Messages.text("usage", usage()));
        }
        PlatformPlayer target = args.isEmpty() ? Players.self(sender, usage()) : Players.online(services.platform(), args.get(0));
        String name = target.name();
        services.identities().unbind(target.uniqueId()).whenComplete((removed, error) -> Replies.later(services.platform(), sender, to -> {
            if (error != null) {
                services.platform().logger().log(Level.WARNING, "Could not remove the CAD id of " + name, error);
                to.sendMessage(services.messages().render(Message.INTERNAL_ERROR));
                return;
            }
            String now = services.identities().cadIdOf(target.uniqueId(), name);
            to.sendMessage(services.messages().render(removed ? Message.UNLINKED : Message.UNLINK_NOTHING,
                    Messages.text("player", name), Messages.text("cad_id", now)));
        }));
    }

    @Override
    public List<String> complete(CommandSource sender, List<String> args) {
        return args.size() == 1 ? Players.names(services.platform(), args.get(0)) : List.of();
    }
}
