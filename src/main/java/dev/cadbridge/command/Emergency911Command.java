package dev.cadbridge.command;

import dev.cadbridge.config.DispatchDefaults;
import dev.cadbridge.config.Message;
import dev.cadbridge.config.Messages;
import dev.cadbridge.platform.BlockPosition;
import dev.cadbridge.platform.CommandSource;
import dev.cadbridge.platform.PlatformPlayer;
import dev.cadbridge.sonoran.Emergency911;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code /cad 911 <what is happening>}: a 911 call from where the player stands, with their name
 * as the caller, the address template as the location and their block as map coordinates. A
 * per-player 911 cooldown (commands.cooldown-911) keeps a public server's dispatchers from being
 * flooded.
 */
final class Emergency911Command implements Subcommand {
    private final CommandServices services;
    private final CadRequests requests;
    private final Cooldowns calls;

    Emergency911Command(CommandServices services, CadRequests requests) {
        this.services = services;
        this.requests = requests;
        this.calls = new Cooldowns(services.clock(), () -> services.config().get().commands().emergencyCooldown());
    }

    @Override
    public String name() {
        return "911";
    }

    @Override
    public String usage() {
        return "/cad 911 <what is happening>";
    }

    @Override
    public String description() {
        return "call 911 from where you stand";
    }

    @Override
    public boolean canUse(CommandSource sender) {
        return sender.hasPermission(Permissions.USE_911);
    }

    @Override
    public void run(CommandSource sender, List<String> args) {
        PlatformPlayer caller = sender.asPlayer().orElseThrow(() -> new CommandFailure(Message.PLAYER_ONLY,
                Messages.text("usage", "/cad dispatch <title> (a 911 call needs a caller's position)")));
        String description = String.join(" ", args).strip();
        if (description.isEmpty()) {
            throw new CommandFailure(Message.USAGE, Messages.text("usage", usage()));
        }
        BlockPosition at = caller.blockPosition();
        Map<String, String> position = new LinkedHashMap<>();
        position.put("x", String.valueOf(at.x()));
        position.put("y", String.valueOf(at.y()));
        position.put("z", String.valueOf(at.z()));
        String location = DispatchDefaults.address(services.config().get().commands().dispatch().addressTemplate(), at);
        Emergency911 call = new Emergency911(caller.name(), location, description, position);
        Optional<Duration> wait = calls.tryStart(caller.uniqueId());
        if (wait.isPresent()) {
            throw new CommandFailure(Message.EMERGENCY_COOLDOWN, Messages.text("seconds", Math.max(1, (wait.get().toMillis() + 999) / 1000)));
        }
        try {
            requests.send(sender, call, delivered -> delivered.callId().isPresent()
                    ? services.messages().render(Message.EMERGENCY_CALLED, Messages.text("call_id", delivered.callId().getAsLong()))
                    : services.messages().render(Message.EMERGENCY_CALLED_NO_ID));
        } catch (CommandFailure notSent) {
            calls.forget(caller.uniqueId()); // nothing went out: the next try is not a second call
            throw notSent;
        }
    }

    @Override
    public List<String> complete(CommandSource sender, List<String> args) {
        return List.of();
    }
}
