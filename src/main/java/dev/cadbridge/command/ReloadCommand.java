package dev.cadbridge.command;

import dev.cadbridge.config.ConfigFileException;
import dev.cadbridge.config.ConfigProblem;
import dev.cadbridge.config.Message;
import dev.cadbridge.config.Messages;
import dev.cadbridge.platform.CommandSource;
import java.util.List;
import java.util.logging.Level;

/** {@code /cad reload}: re-read config.yml; wrong values are listed and replaced by safe defaults. */
final class ReloadCommand implements Subcommand {
    private final CommandServices services;

    ReloadCommand(CommandServices services) {
        this.services = services;
    }

    @Override
    public String name() {
        return "reload";
    }

    @Override
    public String usage() {
        return "/cad reload";
    }

    @Override
    public String description() {
        return "re-read config.yml";
    }

    @Override
    public boolean canUse(CommandSource sender) {
        return sender.hasPermission(Permissions.ADMIN_RELOAD);
    }

    @Override
    public void run(CommandSource sender, List<String> args) {
        if (!args.isEmpty()) {
            throw new CommandFailure(Message.USAGE, Messages.text("usage", usage()));
        }
        sender.sendMessage(services.messages().render(Message.RELOADING));
        services.admin().reload().whenComplete((problems, error) -> Replies.later(services.platform(), sender, to -> {
            Messages messages = services.messages();
            Throwable cause = error instanceof java.util.concurrent.CompletionException && error.getCause() != null ? error.getCause() : error;
            if (cause instanceof ConfigFileException unreadable) {
                to.sendMessage(messages.render(Message.CONFIG_UNREADABLE, Messages.text("problem", unreadable.getMessage())));
            } else if (error != null) {
                services.platform().logger().log(Level.SEVERE, "Reloading the configuration failed", error);
                to.sendMessage(messages.render(Message.INTERNAL_ERROR));
            } else if (problems.isEmpty()) {
                to.sendMessage(messages.render(Message.RELOADED));
            } else {
                to.sendMessage(messages.render(Message.RELOADED_WITH_PROBLEMS, Messages.text("count", problems.size())));
                for (ConfigProblem problem : problems) {
                    to.sendMessage(messages.bare(Message.CONFIG_PROBLEM,
                            Messages.text("key", problem.key()), Messages.text("problem", problem.message())));
                }
            }
            List<String> restartNeeded = error == null ? services.admin().sectionsNeedingRestart() : List.of();
            if (!restartNeeded.isEmpty()) {
                to.sendMessage(messages.render(Message.RESTART_NEEDED, Messages.text("sections", String.join(" and ", restartNeeded))));
            }
            services.cad().unavailableReason().ifPresent(reason ->
                    to.sendMessage(messages.render(Message.NOT_CONNECTED_STAFF, Messages.text("reason", reason))));
        }));
    }

    @Override
    public List<String> complete(CommandSource sender, List<String> args) {
        return List.of();
    }
}
