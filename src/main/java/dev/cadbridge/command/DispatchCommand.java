package dev.cadbridge.command;

import dev.cadbridge.config.CommandValues;
import dev.cadbridge.config.DispatchDefaults;
import dev.cadbridge.config.Message;
import dev.cadbridge.config.Messages;
import dev.cadbridge.platform.CommandSource;
import dev.cadbridge.platform.PlatformPlayer;
import dev.cadbridge.sonoran.CallOrigin;
import dev.cadbridge.sonoran.CallStatus;
import dev.cadbridge.sonoran.NewDispatch;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code /cad dispatch <title> [--code ..] [--priority 1-3] [--address ..] [--postal ..] [--desc ..]
 * [--units p1,p2] [--origin ..] [--status ..]}. Words that are not flags form the title, so
 * quotes are optional for it; flag values with spaces need them.
 */
final class DispatchCommand implements Subcommand {
    static final List<String> FLAGS = List.of("code", "priority", "address", "postal", "desc", "units", "origin", "status");

    private final CommandServices services;
    private final CadRequests requests;

    DispatchCommand(CommandServices services, CadRequests requests) {
        this.services = services;
        this.requests = requests;
    }

    @Override
    public String name() {
        return "dispatch";
    }

    @Override
    public String usage() {
        return "/cad dispatch <title> [--code ..] [--priority 1-3] [--address ..] [--postal ..] [--desc ..]"
                + " [--units p1,p2] [--origin caller|radio|observed|walkup] [--status pending|active]";
    }

    @Override
    public String description() {
        return "create a call";
    }

    @Override
    public boolean canUse(CommandSource sender) {
        return sender.hasPermission(Permissions.STAFF_DISPATCH);
    }

    record Parsed(String title, Map<String, String> flags) {}

    static Parsed parse(List<String> args) {
        List<String> titleWords = new ArrayList<>();
        Map<String, String> flags = new LinkedHashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String word = args.get(i);
            if (!word.startsWith("--")) {
                titleWords.add(word);
                continue;
            }
            String name = word.substring(2).toLowerCase(Locale.ROOT);
            String value = null;
            int equals = name.indexOf('=');
            if (equals >= 0) {
                value = word.substring(2 + equals + 1);
                name = name.substring(0, equals);
            }
            if (!FLAGS.contains(name)) {
                throw invalid("--" + name + " is not a dispatch option; use --" + String.join(", --", FLAGS));
            }
            if (value == null) {
                if (i + 1 >= args.size() || args.get(i + 1).startsWith("--")) {
                    throw invalid("--" + name + " needs a value");
                }
                value = args.get(++i);
            }
            if (flags.put(name, value) != null) {
                throw invalid("--" + name + " is given twice");
            }
        }
        return new Parsed(String.join(" ", titleWords), flags);
    }

    @Override
    public void run(CommandSource sender, List<String> args) {
        Parsed parsed = parse(args);
        if (parsed.title().isBlank()) {
            throw new CommandFailure(Message.USAGE, Messages.text("usage", usage()));
        }
        DispatchDefaults defaults = services.config().get().commands().dispatch();
        Map<String, String> flags = parsed.flags();
        int priority = flags.containsKey("priority") ? priority(flags.get("priority")) : defaults.priority();
        CallOrigin origin = flags.containsKey("origin")
                ? word("--origin", flags.get("origin"), CommandValues.origins()) : defaults.origin();
        CallStatus status = flags.containsKey("status")
                ? word("--status", flags.get("status"), CommandValues.statuses()) : defaults.status();
        String address = flags.containsKey("address") ? flags.get("address") : defaultAddress(sender, defaults.addressTemplate());
        List<PlatformPlayer> units = units(sender, flags.get("units"));
        NewDispatch dispatch = new NewDispatch(origin, status, priority, parsed.title(),
                flags.getOrDefault("code", defaults.code()), "", address, flags.getOrDefault("postal", ""),
                flags.getOrDefault("desc", ""), "", Map.of(),
                units.stream().map(unit -> services.identities().cadIdOf(unit.uniqueId(), unit.name())).toList());
        requests.send(sender, dispatch, delivered -> delivered.callId().isPresent()
                ? services.messages().render(Message.DISPATCH_CREATED,
                        Messages.text("call_id", delivered.callId().getAsLong()), Messages.text("title", dispatch.title()))
                : services.messages().render(Message.DISPATCH_CREATED_NO_ID, Messages.text("title", dispatch.title())));
    }

    private List<PlatformPlayer> units(CommandSource sender, String unitList) {
        if (unitList == null) {
            return sender.asPlayer().map(List::of).orElse(List.of());
        }
        List<String> names = Arrays.stream(unitList.split(",")).map(String::strip).filter(name -> !name.isEmpty()).toList();
        if (names.isEmpty()) {
            throw invalid("--units needs at least one player name, for example --units Alex,Sam");
        }
        return Players.online(services.platform(), names);
    }

    private static String defaultAddress(CommandSource sender, String template) {
        return sender.asPlayer().map(player -> DispatchDefaults.address(template, player.blockPosition())).orElse("");
    }

    private static int priority(String text) {
        return switch (text.strip()) {
            case "1" -> 1;
            case "2" -> 2;
            case "3" -> 3;
            default -> throw invalid("--priority \"" + text + "\" is not 1, 2 or 3");
        };
    }

    private static <T> T word(String flag, String text, Map<String, T> allowed) {
        T value = allowed.get(text.strip().toLowerCase(Locale.ROOT));
        if (value == null) {
            throw invalid(flag + " \"" + text + "\" is not one of " + String.join(", ", allowed.keySet()));
        }
        return value;
    }

    private static CommandFailure invalid(String problem) {
        return new CommandFailure(Message.INVALID, Messages.text("problem", problem));
    }

    @Override
    public List<String> complete(CommandSource sender, List<String> args) {
        String current = Players.last(args);
        String previous = args.size() >= 2 ? args.get(args.size() - 2).toLowerCase(Locale.ROOT) : "";
        switch (previous) {
            case "--priority" -> {
                return Players.matching(List.of("1", "2", "3"), current);
            }
            case "--origin" -> {
                return Players.matching(List.copyOf(CommandValues.origins().keySet()), current);
            }
            case "--status" -> {
                return Players.matching(List.copyOf(CommandValues.statuses().keySet()), current);
            }
            case "--units" -> {
                int comma = current.lastIndexOf(',');
                String done = current.substring(0, comma + 1);
                return Players.names(services.platform(), current.substring(comma + 1)).stream().map(name -> done + name).toList();
            }
            default -> {
                if (!current.startsWith("-")) {
                    return List.of();
                }
                List<String> unused = FLAGS.stream().map(flag -> "--" + flag)
                        .filter(flag -> !args.subList(0, args.size() - 1).contains(flag)).toList();
                return Players.matching(unused, current);
            }
        }
    }
}
