package dev.cadbridge.command;

import dev.cadbridge.config.Message;
import dev.cadbridge.config.Messages;
import dev.cadbridge.platform.CommandSource;
import dev.cadbridge.platform.PlatformPlayer;
import java.util.List;
import java.util.Locale;
import java.util.logging.Level;

/** {@code /cad whois <player>}: which CAD id a player is sent as, and where it came from. */
final class WhoisCommand implements Subcommand {
    private final CommandServices services;

    WhoisCommand(CommandServices services) {
        this.services = services;
    }

    @Override
    public String name() {
        return "whois";
    }

    @Override
    public String usage() {
        return "/cad whois <player>";
    }

    @Override
    public String description() {
        return "show the CAD id a player is sent as";
    }

    @Override
    public boolean canUse(CommandSource sender) {
        return sender.hasPermission(Permissions.STAFF_WHOIS);
    }

    @Override
    public void run(CommandSource sender, List<String> args) {
        if (args.size() != 1) {
            throw new CommandFailure(Message.USAGE, Messages.text("usage", usage()));
        }
        PlatformPlayer target = Players.online(services.platform(), args.get(0));
        String name = target.name();
        services.identities().describe(target.uniqueId(), name).whenComplete((identity, error) ->
                Replies.later(services.platform(), sender, to -> {
                    if (error != null) {
                        services.platform().logger().log(Level.WARNING, "Could not read the CAD identity of " + name, error);
                        to.sendMessage(services.messages().render(Message.INTERNAL_ERROR));
                        return;
                    }
                    to.sendMessage(services.messages().render(Message.WHOIS,
                            Messages.text("player", name),
                            Messages.text("cad_id", identity.cadId()),
                            Messages.text("source", words(identity.source().name())),
                            Messages.text("link_state", words(identity.linkState().name())
                                    + (identity.accountUuid() == null ? "" : " (CAD account " + identity.accountUuid() + ")"))));
                }));
    }

    private static String words(String enumName) {
        return enumName.toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    @Override
    public List<String> complete(CommandSource sender, List<String> args) {
        return args.size() == 1 ? Players.names(services.platform(), args.get(0)) : List.of();
    }
}
