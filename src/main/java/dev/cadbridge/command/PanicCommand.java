package dev.cadbridge.command;

import dev.cadbridge.config.Message;
import dev.cadbridge.config.Messages;
import dev.cadbridge.platform.CommandSource;
import dev.cadbridge.platform.PlatformPlayer;
import dev.cadbridge.sonoran.SetUnitPanic;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code /cad panic [on|off] [player]}: the panic button of your unit, or with the staff
 * permission another player's. Without on/off it toggles what the CAD last confirmed for that
 * player on this server (on, when nothing is known).
 */
final class PanicCommand implements Subcommand {
    private final CommandServices services;
    private final CadRequests requests;
    private final Map<UUID, Boolean> confirmed = new ConcurrentHashMap<>();

    PanicCommand(CommandServices services, CadRequests requests) {
        this.services = services;
        this.requests = requests;
    }

    @Override
    public String name() {
        return "panic";
    }

    @Override
    public String usage() {
        return "/cad panic [on|off] [player]";
    }

    @Override
    public String description() {
        return "press or clear your unit's panic button";
    }

    @Override
    public boolean canUse(CommandSource sender) {
        return sender.hasPermission(Permissions.USE_PANIC) || sender.hasPermission(Permissions.STAFF_PANIC);
    }

    @Override
    public void run(CommandSource sender, List<String> args) {
        List<String> rest = new ArrayList<>(args);
        Boolean wanted = rest.isEmpty() ? null : state(rest.get(0));
        if (wanted != null) {
            rest.remove(0);
        }
        if (rest.size() > 1) {
            throw new CommandFailure(Message.USAGE, Messages.text("usage", usage()));
        }
        PlatformPlayer unit = Players.targets(services.platform(), sender, rest, Permissions.USE_PANIC, Permissions.STAFF_PANIC, usage()).get(0);
        boolean panic = wanted != null ? wanted : !confirmed.getOrDefault(unit.uniqueId(), false);
        SetUnitPanic set = new SetUnitPanic(List.of(services.identities().cadIdOf(unit.uniqueId(), unit.name())), panic);
        requests.send(sender, set,
                delivered -> {
                    confirmed.put(unit.uniqueId(), panic);
                    return services.messages().render(panic ? Message.PANIC_ON : Message.PANIC_OFF, Messages.text("unit", unit.name()));
                },
                left -> services.messages().render(Message.PANIC_NOT_LOGGED_IN, Messages.text("unit", unit.name())));
    }

    private static Boolean state(String word) {
        return switch (word.toLowerCase(Locale.ROOT)) {
            case "on" -> true;
            case "off" -> false;
            default -> null;
        };
    }

    @Override
    public List<String> complete(CommandSource sender, List<String> args) {
        if (args.size() == 1) {
            List<String> options = new ArrayList<>(Players.matching(List.of("on", "off"), args.get(0)));
            if (sender.hasPermission(Permissions.STAFF_PANIC)) {
                options.addAll(Players.names(services.platform(), args.get(0)));
            }
            return options;
        }
        if (args.size() == 2 && state(args.get(0)) != null && sender.hasPermission(Permissions.STAFF_PANIC)) {
            return Players.names(services.platform(), args.get(1));
        }
        return List.of();
    }
}
