package dev.cadbridge.command;

import dev.cadbridge.config.Message;
import dev.cadbridge.config.Messages;
import dev.cadbridge.platform.CommandSource;
import dev.cadbridge.platform.Platform;
import dev.cadbridge.platform.PlatformPlayer;
import java.util.Optional;
import java.util.function.Consumer;

/** Answers that arrive after the CAD answered: back on the sender's thread, and only to a sender still online. */
final class Replies {
    private Replies() {}

    /** Runs {@code action} on the sender's thread with the sender as they are now, if they are still there. */
    static void later(Platform platform, CommandSource sender, Consumer<CommandSource> action) {
        Optional<PlatformPlayer> player = sender.asPlayer();
        if (player.isPresent()) {
            platform.runFor(player.get(), () -> reachable(platform, sender).ifPresent(action));
        } else {
            platform.runOnMain(() -> action.accept(sender));
        }
    }

    static Optional<CommandSource> reachable(Platform platform, CommandSource sender) {
        Optional<PlatformPlayer> player = sender.asPlayer();
        if (player.isEmpty()) {
            return Optional.of(sender);
        }
        return platform.onlinePlayer(player.get().uniqueId()).map(CommandSource.class::cast);
    }

    /** The "cannot reach the CAD" answer; staff and the console get the reason, players a polite version. */
    static CommandFailure notConnected(CommandSource sender, String reason) {
        if (sender.asPlayer().isEmpty() || sender.hasPermission(Permissions.ADMIN_STATUS)) {
            return new CommandFailure(Message.NOT_CONNECTED_STAFF, Messages.text("reason", reason));
        }
        return new CommandFailure(Message.NOT_CONNECTED);
    }
}
