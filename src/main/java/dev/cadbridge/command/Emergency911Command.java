package dev.cadbridge.command;

import dev.cadbridge.config.DispatchDefaults;
import dev.cadbridge.config.Message;
import dev.cadbridge.config.Messages;
import dev.cadbridge.platform.BlockPosition;
import dev.cadbridge.platform.CommandSource;
import dev.cadbridge.platform.PlatformPlayer;
import dev.cadbridge.sonoran.Emergency911;
import dev.cadbridge.sonoran.OperationLimits;
import dev.cadbridge.sonoran.Remove911;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code /cad 911 <what is happening>}: a 911 call from where the player stands, with their name
 * as the caller, the address template as the location and their block as map coordinates. The
 * same class is {@code /cad 311 <text>}, a non-emergency call on the same route. A per-player
 * cooldown (commands.cooldown-911), shared by 911 and 311, keeps a public server's dispatchers
 * from being flooded. Staff remove a 911 call with {@code /cad 911 remove <id>}.
 */
final class Emergency911Command implements Subcommand {
    private final CommandServices services;
    private final CadRequests requests;
    private final Cooldowns calls;
    private final boolean emergency;

    /** {@code calls} is shared by the 911 and the 311 command: one cooldown for both. */
    Emergency911Command(CommandServices services, CadRequests requests, Cooldowns calls, boolean emergency) {
        this.services = services;
        this.requests = requests;
        this.calls = calls;
        this.emergency = emergency;
    }

    /** The 911 and 311 cooldown, as Emergency911Command takes it. */
    static Cooldowns cooldown(CommandServices services) {
        return new Cooldowns(services.clock(), () -> services.config().get().commands().emergencyCooldown());
    }

    @Override
    public String name() {
        return emergency ? "911" : "311";
    }

    @Override
    public String usage() {
        return emergency ? "/cad 911 <what is happening> | remove <id>" : "/cad 311 <what you need>";
    }

    @Override
    public String usage(CommandSource sender) {
        if (!emergency) {
            return usage();
        }
        boolean call = sender.hasPermission(Permissions.USE_911);
        boolean remove = sender.hasPermission(Permissions.STAFF_911_REMOVE);
        return call && remove ? usage() : remove ? "/cad 911 remove <id>" : "/cad 911 <what is happening>";
    }

    @Override
    public String description() {
        return emergency ? "call 911 from where you stand" : "call the dispatchers about something that is not an emergency";
    }

    @Override
    public String description(CommandSource sender) {
        if (emergency && !sender.hasPermission(Permissions.USE_911) && sender.hasPermission(Permissions.STAFF_911_REMOVE)) {
            return "remove a 911 call";
        }
        return description();
    }

    @Override
    public boolean canUse(CommandSource sender) {
        return emergency ? sender.hasPermission(Permissions.USE_911) || sender.hasPermission(Permissions.STAFF_911_REMOVE)
                : sender.hasPermission(Permissions.USE_311);
    }

    @Override
    public void run(CommandSource sender, List<String> args) {
        if (emergency && isRemove(args)) {
            remove(sender, args.get(1));
            return;
        }
        if (!sender.hasPermission(emergency ? Permissions.USE_911 : Permissions.USE_311)) {
            throw new CommandFailure(Message.NO_PERMISSION);
        }
        PlatformPlayer caller = sender.asPlayer().orElseThrow(() -> new CommandFailure(Message.PLAYER_ONLY,
                Messages.text("usage", "/cad dispatch <title> (a " + name() + " call needs a caller's position)")));
        String description = String.join(" ", args).strip();
        if (description.isEmpty()) {
            throw new CommandFailure(Message.USAGE, Messages.text("usage", emergency ? "/cad 911 <what is happening>" : usage()));
        }
        if (!emergency) {
            ActiveLists.requireV2(services, "/cad 311");
        }
        BlockPosition at = caller.blockPosition();
        Map<String, String> position = new LinkedHashMap<>();
        position.put("x", String.valueOf(at.x()));
        position.put("y", String.valueOf(at.y()));
        position.put("z", String.valueOf(at.z()));
        String location = DispatchDefaults.address(services.config().get().commands().dispatch().addressTemplate(), at);
        Emergency911 call = new Emergency911(caller.name(), location, description, position, emergency);
        Optional<Duration> wait = calls.tryStart(caller.uniqueId());
        if (wait.isPresent()) {
            throw new CommandFailure(Message.EMERGENCY_COOLDOWN, Messages.text("seconds", Math.max(1, (wait.get().toMillis() + 999) / 1000)));
        }
        Message called = emergency ? Message.EMERGENCY_CALLED : Message.NON_EMERGENCY_CALLED;
        Message calledNoId = emergency ? Message.EMERGENCY_CALLED_NO_ID : Message.NON_EMERGENCY_CALLED_NO_ID;
        try {
            requests.send(sender, call, delivered -> delivered.callId().isPresent()
                    ? services.messages().render(called, Messages.text("call_id", delivered.callId().getAsLong()))
                    : services.messages().render(calledNoId));
        } catch (CommandFailure notSent) {
            calls.forget(caller.uniqueId()); // nothing went out: the next try is not a second call
            throw notSent;
        }
    }

    /**
     * {@code remove <number>}: staff removing a call. Without the permission it is refused, not sent
     * as a 911 call saying "remove 12".
     */
    private static boolean isRemove(List<String> args) {
        return args.size() == 2 && args.get(0).toLowerCase(Locale.ROOT).equals("remove") && args.get(1).matches("\\d{1,19}");
    }

    private void remove(CommandSource sender, String callIdText) {
        if (!sender.hasPermission(Permissions.STAFF_911_REMOVE)) {
            throw new CommandFailure(Message.NO_PERMISSION);
        }
        ActiveLists.requireV2(services, "/cad 911 remove");
        long callId = OperationLimits.parseCallId("callId", callIdText);
        requests.send(sender, new Remove911(callId),
                delivered -> services.messages().render(Message.EMERGENCY_REMOVED, Messages.text("call_id", callId)),
                left -> services.messages().render(Message.EMERGENCY_NO_SUCH_CALL, Messages.text("call_id", callId)),
                notFound -> services.messages().render(Message.EMERGENCY_NO_SUCH_CALL, Messages.text("call_id", callId)));
    }

    @Override
    public List<String> complete(CommandSource sender, List<String> args) {
        if (emergency && args.size() == 1 && sender.hasPermission(Permissions.STAFF_911_REMOVE)) {
            return Players.matching(List.of("remove"), args.get(0));
        }
        return List.of();
    }
}
