package dev.cadbridge.command;

import dev.cadbridge.config.Message;
import dev.cadbridge.config.Messages;
import dev.cadbridge.platform.CommandSource;
import dev.cadbridge.platform.PlatformPlayer;
import dev.cadbridge.sonoran.CadOperation;
import dev.cadbridge.sonoran.CadResult;
import dev.cadbridge.sonoran.FailureKind;
import dev.cadbridge.sonoran.OperationType;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;
import java.util.logging.Level;
import net.kyori.adventure.text.Component;

/**
 * Sends a validated operation for a command: checks the CAD is reachable and the player's
 * cooldown, answers "Sending…" at once, then reports the CAD's answer.
 */
final class CadRequests {
    private final CommandServices services;

    CadRequests(CommandServices services) {
        this.services = services;
    }

    /** Fails the command when the CAD cannot be reached or the player is cooling down; starts the cooldown otherwise. */
    void admit(CommandSource sender) {
        Optional<String> unavailable = services.cad().unavailableReason();
        if (unavailable.isPresent()) {
            throw Replies.notConnected(sender, unavailable.get());
        }
        Optional<PlatformPlayer> player = sender.asPlayer();
        if (player.isPresent()) {
            Optional<Duration> left = services.cooldowns().tryStart(player.get().uniqueId());
            if (left.isPresent()) {
                long seconds = Math.max(1, (left.get().toMillis() + 999) / 1000);
                throw new CommandFailure(Message.COOLDOWN, Messages.text("seconds", seconds));
            }
        }
    }

    /** {@code onDelivered} builds the success line from the CAD's answer. */
    void send(CommandSource sender, CadOperation operation, Function<CadResult.Delivered, Component> onDelivered) {
        send(sender, operation, onDelivered, left -> services.messages().render(Message.FAILED, Messages.text("reason", left.message())));
    }

    /** {@code onLeftOut} builds the line for an answer that left out some or all of what the operation named. */
    void send(CommandSource sender, CadOperation operation, Function<CadResult.Delivered, Component> onDelivered,
              Function<CadResult.LeftOut, Component> onLeftOut) {
        send(sender, operation, onDelivered, onLeftOut, null);
    }

    /**
     * {@code onNotFound} builds the line for a CAD that answered it has no such call or unit (a
     * TARGET_NOT_FOUND failure); null to report it as any other failure.
     */
    void send(CommandSource sender, CadOperation operation, Function<CadResult.Delivered, Component> onDelivered,
              Function<CadResult.LeftOut, Component> onLeftOut, Function<CadResult.Failed, Component> onNotFound) {
        admit(sender);
        sender.sendMessage(services.messages().render(Message.SENDING));
        services.cad().dispatcher().submit(operation).whenComplete((result, error) ->
                Replies.later(services.platform(), sender, target -> target.sendMessage(
                        describe(operation, result, error, onDelivered, onLeftOut, onNotFound))));
    }

    /** "The call may have been created" is said only of what creates a call; a lost note is unclear, not a call. */
    private static boolean createsACall(CadOperation operation) {
        return operation.type() == OperationType.NEW_DISPATCH || operation.type() == OperationType.EMERGENCY_911;
    }

    private Component describe(CadOperation operation, CadResult result, Throwable error,
                               Function<CadResult.Delivered, Component> onDelivered, Function<CadResult.LeftOut, Component> onLeftOut,
                               Function<CadResult.Failed, Component> onNotFound) {
        Messages messages = services.messages();
        if (error != null) {
            services.platform().logger().log(Level.WARNING, "A CAD request failed unexpectedly", error);
            return messages.render(Message.INTERNAL_ERROR);
        }
        return switch (result) {
            case CadResult.Delivered delivered -> onDelivered.apply(delivered);
            // commands queue operations; only request-response routes reply, so this is their "done"
            case CadResult.Replied replied -> onDelivered.apply(new CadResult.Delivered(OptionalLong.empty()));
            case CadResult.LeftOut left -> onLeftOut.apply(left);
            case CadResult.Failed failed when onNotFound != null && failed.kind() == FailureKind.TARGET_NOT_FOUND -> onNotFound.apply(failed);
            case CadResult.Failed failed -> failed.traceId() == null || failed.traceId().isBlank()
                    ? messages.render(Message.FAILED, Messages.text("reason", failed.message()))
                    : messages.render(Message.FAILED_WITH_TRACE, Messages.text("reason", failed.message()),
                            Messages.text("trace_id", failed.traceId()));
            case CadResult.Expired expired -> messages.render(Message.EXPIRED, Messages.text("reason", expired.message()));
            case CadResult.OutcomeUnknown unknown -> createsACall(operation)
                    ? messages.render(Message.OUTCOME_UNKNOWN, Messages.text("reason", unknown.message()))
                    : messages.render(Message.OUTCOME_UNCLEAR, Messages.text("reason", unknown.message()));
        };
    }
}
