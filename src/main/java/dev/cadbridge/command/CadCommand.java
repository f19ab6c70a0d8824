package dev.cadbridge.command;

import dev.cadbridge.config.Message;
import dev.cadbridge.config.Messages;
import dev.cadbridge.platform.CommandSource;
import dev.cadbridge.sonoran.InvalidOperationException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.logging.Level;

/** The {@code /cad} root: finds the subcommand, checks its permission, and makes sure nothing escapes. */
public final class CadCommand {
    private final CommandServices services;
    private final List<Subcommand> subcommands;

    public CadCommand(CommandServices services) {
        this.services = services;
        CadRequests requests = new CadRequests(services);
        List<Subcommand> all = new ArrayList<>();
        all.add(new AttachCommand(services, requests));
        all.add(new DetachCommand(services, requests));
        all.add(new KickCommand(services, requests));
        all.add(new DispatchCommand(services, requests));
        all.add(new CloseCommand(services, requests));
        Cooldowns calls = Emergency911Command.cooldown(services);
        all.add(new Emergency911Command(services, requests, calls, true));
        all.add(new Emergency911Command(services, requests, calls, false));
        all.add(new PanicCommand(services, requests));
        all.add(new UnitStatusCommand(services, requests));
        all.add(new NoteCommand(services, requests));
        all.add(new CallsCommand(services));
        all.add(new UnitsCommand(services));
        all.add(new LinkCommand(services, requests));
        all.add(new UnlinkCommand(services));
        all.add(new WhoisCommand(services));
        all.add(new StatusCommand(services));
        all.add(new ReloadCommand(services));
        all.add(new DoctorCommand(services));
        all.add(new HelpCommand(services, this::subcommands));
        this.subcommands = List.copyOf(all);
    }

    public List<Subcommand> subcommands() {
        return subcommands;
    }

    /** Runs {@code /cad <args>}. Never throws: every problem becomes a message to the sender. */
    public void execute(CommandSource sender, String[] rawArgs) {
        try {
            List<String> args = Arguments.tokenize(rawArgs);
            if (args.isEmpty()) {
                root(sender);
                return;
            }
            Optional<Subcommand> subcommand = find(args.get(0));
            if (subcommand.isEmpty()) {
                throw new CommandFailure(Message.UNKNOWN_COMMAND, Messages.text("command", args.get(0)));
            }
            if (!subcommand.get().canUse(sender)) {
                throw new CommandFailure(Message.NO_PERMISSION);
            }
            subcommand.get().run(sender, args.subList(1, args.size()));
        } catch (CommandFailure failure) {
            reply(sender, failure);
        } catch (InvalidOperationException invalid) {
            sender.sendMessage(services.messages().render(Message.INVALID, Messages.text("problem", invalid.getMessage())));
        } catch (RuntimeException unexpected) {
            services.platform().logger().log(Level.SEVERE, "/cad " + String.join(" ", rawArgs) + " failed", unexpected);
            sender.sendMessage(services.messages().render(Message.INTERNAL_ERROR));
        }
    }

    /** Suggestions for tab completion. Never throws. */
    public List<String> complete(CommandSource sender, String[] rawArgs) {
        try {
            if (rawArgs.length <= 1) {
                String prefix = rawArgs.length == 0 ? "" : rawArgs[0];
                return Players.matching(subcommands.stream().filter(s -> s.canUse(sender)).map(Subcommand::name), prefix);
            }
            return find(rawArgs[0])
                    .filter(subcommand -> subcommand.canUse(sender))
                    .map(subcommand -> subcommand.complete(sender, Arrays.asList(rawArgs).subList(1, rawArgs.length)))
                    .orElse(List.of());
        } catch (RuntimeException unexpected) {
            services.platform().logger().log(Level.WARNING, "Tab completion for /cad failed", unexpected);
            return List.of();
        }
    }

    private void root(CommandSource sender) {
        services.cad().unavailableReason().ifPresent(reason -> reply(sender, Replies.notConnected(sender, reason)));
        find("help").ifPresent(help -> {
            if (help.canUse(sender)) {
                help.run(sender, List.of());
            }
        });
    }

    private Optional<Subcommand> find(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return subcommands.stream().filter(subcommand -> subcommand.name().equals(lower)).findFirst();
    }

    private void reply(CommandSource sender, CommandFailure failure) {
        sender.sendMessage(services.messages().render(failure.messageKey(), failure.placeholders()));
    }
}
