package dev.cadbridge.command;

import dev.cadbridge.config.Message;
import dev.cadbridge.config.Messages;
import dev.cadbridge.platform.CommandSource;
import dev.cadbridge.platform.Platform;
import dev.cadbridge.platform.PlatformPlayer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/** Turning typed names into online players, and suggesting names. */
final class Players {
    private Players() {}

    static PlatformPlayer online(Platform platform, String name) {
        return platform.onlinePlayer(name)
                .orElseThrow(() -> new CommandFailure(Message.UNKNOWN_PLAYER, Messages.text("player", name)));
    }

    static List<PlatformPlayer> online(Platform platform, List<String> names) {
        List<PlatformPlayer> players = new ArrayList<>();
        for (String name : names) {
            players.add(online(platform, name));
        }
        return players;
    }

    /** The sender as a player, or a failure telling the console how to name one. */
    static PlatformPlayer self(CommandSource sender, String usage) {
        return sender.asPlayer().orElseThrow(() -> new CommandFailure(Message.PLAYER_ONLY, Messages.text("usage", usage)));
    }

    /**
     * Who a self-or-others command acts on: the sender when no names are given, else the named
     * players. Acting on anyone but yourself needs {@code staffPermission}, and is refused before
     * any name is looked up: otherwise the answer would tell a player who is online, vanished or not.
     */
    static List<PlatformPlayer> targets(Platform platform, CommandSource sender, List<String> names,
                                        String selfPermission, String staffPermission, String usage) {
        if (names.isEmpty()) {
            PlatformPlayer self = self(sender, usage);
            if (!sender.hasPermission(selfPermission)) {
                throw new CommandFailure(Message.NO_PERMISSION);
            }
            return List.of(self);
        }
        if (!sender.hasPermission(staffPermission)) {
            Optional<PlatformPlayer> self = sender.asPlayer();
            boolean onlySelf = self.isPresent() && names.stream().allMatch(name -> name.equalsIgnoreCase(self.get().name()));
            if (!onlySelf || !sender.hasPermission(selfPermission)) {
                throw new CommandFailure(Message.NO_PERMISSION);
            }
            return List.of(self.get());
        }
        return online(platform, names);
    }

    static String joinNames(List<PlatformPlayer> players) {
        return String.join(", ", players.stream().map(PlatformPlayer::name).toList());
    }

    static List<String> names(Platform platform, String prefix) {
        return matching(platform.onlinePlayers().stream().map(PlatformPlayer::name), prefix);
    }

    static List<String> matching(Stream<String> candidates, String prefix) {
        String lower = prefix.toLowerCase(Locale.ROOT);
        return candidates.filter(candidate -> candidate.toLowerCase(Locale.ROOT).startsWith(lower)).sorted().toList();
    }

    static List<String> matching(List<String> candidates, String prefix) {
        return matching(candidates.stream(), prefix);
    }

    static String last(List<String> args) {
        return args.isEmpty() ? "" : args.get(args.size() - 1);
    }
}
