package dev.cadbridge.command;

import dev.cadbridge.config.Message;
import dev.cadbridge.config.Messages;
import dev.cadbridge.outbound.CadQueries;
import dev.cadbridge.platform.CommandSource;
import dev.cadbridge.platform.PlatformPlayer;
import dev.cadbridge.sonoran.ActiveUnit;
import dev.cadbridge.sonoran.OperationType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.kyori.adventure.text.Component;

/**
 * {@code /cad units}: the units active in the CAD (v2 {@code GET .../units}, 3 a minute), from a
 * short cache, each with its status, its panic, and the online player it is when the CAD names
 * the player's CAD id. Text from the CAD is shown as it is, never read as formatting.
 */
final class UnitsCommand implements Subcommand {
    private final CommandServices services;
    private final ActiveListCache<ActiveUnit> units;

    UnitsCommand(CommandServices services) {
        this.services = services;
        this.units = new ActiveListCache<>(services.clock(), () -> services.config().get().commands().activeListCache(),
                OperationType.ACTIVE_UNITS, CadQueries::activeUnits);
    }

    @Override
    public String name() {
        return "units";
    }

    @Override
    public String usage() {
        return "/cad units";
    }

    @Override
    public String description() {
        return "list the units active in the CAD";
    }

    @Override
    public boolean canUse(CommandSource sender) {
        return sender.hasPermission(Permissions.STAFF_UNITS);
    }

    @Override
    public void run(CommandSource sender, List<String> args) {
        if (!args.isEmpty()) {
            throw new CommandFailure(Message.USAGE, Messages.text("usage", usage()));
        }
        ActiveLists.answer(services, sender, usage(), units, this::lines);
    }

    private List<Component> lines(CommandSource to, ActiveListCache.Snapshot<ActiveUnit> snapshot) {
        Messages messages = services.messages();
        String age = ActiveLists.age(services, snapshot);
        List<ActiveUnit> active = snapshot.items();
        if (active.isEmpty()) {
            return List.of(messages.render(Message.UNITS_NONE, Messages.text("age", age)));
        }
        Map<String, String> playersByCadId = new HashMap<>();
        for (PlatformPlayer player : services.platform().onlinePlayers()) {
            playersByCadId.put(services.identities().cadIdOf(player.uniqueId(), player.name()), player.name());
        }
        List<Component> lines = new ArrayList<>();
        lines.add(messages.render(Message.UNITS_HEADER, Messages.text("count", active.size()), Messages.text("age", age)));
        for (ActiveUnit unit : active.subList(0, Math.min(active.size(), ActiveLists.MAX_LINES))) {
            String player = playersByCadId.get(unit.communityUserId());
            lines.add(messages.bare(Message.UNITS_LINE,
                    Messages.text("unit_number", unit.unitNumber().isBlank() ? "#" + unit.id() : unit.unitNumber()),
                    Messages.text("name", unit.name().isBlank() ? "-" : unit.name()),
                    Messages.text("status", unit.statusName()),
                    Messages.text("player", player == null ? "" : " · " + player),
                    Messages.component("panic", unit.panic() ? messages.bare(Message.UNITS_PANIC) : Component.empty())));
        }
        if (active.size() > ActiveLists.MAX_LINES) {
            lines.add(messages.bare(Message.LIST_MORE, Messages.text("count", active.size() - ActiveLists.MAX_LINES)));
        }
        return lines;
    }

    @Override
    public List<String> complete(CommandSource sender, List<String> args) {
        return List.of();
    }
}
