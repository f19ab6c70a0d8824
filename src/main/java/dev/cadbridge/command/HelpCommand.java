package dev.cadbridge.command;

import dev.cadbridge.config.Message;
import dev.cadbridge.config.Messages;
import dev.cadbridge.platform.CommandSource;
import java.util.List;
import java.util.function.Supplier;

/** {@code /cad help}: only what the sender may use. */
final class HelpCommand implements Subcommand {
    private final CommandServices services;
    private final Supplier<List<Subcommand>> subcommands;

    HelpCommand(CommandServices services, Supplier<List<Subcommand>> subcommands) {
        this.services = services;
        this.subcommands = subcommands;
    }

    @Override
    public String name() {
        return "help";
    }

    @Override
    public String usage() {
        return "/cad help";
    }

    @Override
    public String description() {
        return "list the CadBridge commands you can use";
    }

    @Override
    public boolean canUse(CommandSource sender) {
        return sender.hasPermission(Permissions.USE_HELP);
    }

    @Override
    public void run(CommandSource sender, List<String> args) {
        Messages messages = services.messages();
        sender.sendMessage(messages.render(Message.HELP_HEADER));
        for (Subcommand subcommand : subcommands.get()) {
            if (subcommand.canUse(sender)) {
                sender.sendMessage(messages.bare(Message.HELP_LINE,
                        Messages.text("usage", subcommand.usage(sender)), Messages.text("description", subcommand.description(sender))));
            }
        }
    }

    @Override
    public List<String> complete(CommandSource sender, List<String> args) {
        return List.of();
    }
}
