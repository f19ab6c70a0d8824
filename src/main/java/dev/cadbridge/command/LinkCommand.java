package dev.cadbridge.command;

import dev.cadbridge.config.Message;
import dev.cadbridge.config.Messages;
import dev.cadbridge.identity.BindOutcome;
import dev.cadbridge.identity.IdRule;
import dev.cadbridge.identity.IdentitySource;
import dev.cadbridge.identity.LinkState;
import dev.cadbridge.link.LinkProgress;
import dev.cadbridge.platform.CommandSource;
import dev.cadbridge.platform.PlatformPlayer;
import dev.cadbridge.sonoran.ApiGeneration;
import dev.cadbridge.sonoran.CadLinks;
import dev.cadbridge.sonoran.OperationLimits;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import java.util.logging.Level;
import net.kyori.adventure.text.Component;
import net.kyori.adventure.text.event.ClickEvent;
import net.kyori.adventure.text.format.TextDecoration;

/**
 * {@code /cad link}: v2 runs the link-code flow for yourself; v1 {@code /cad link <apiId>} sets
 * the API ID used for you; staff {@code /cad link <player> <id>} sets anyone's id.
 */
final class LinkCommand implements Subcommand {
    private final CommandServices services;
    private final CadRequests requests;

    LinkCommand(CommandServices services, CadRequests requests) {
        this.services = services;
        this.requests = requests;
    }

    @Override
    public String name() {
        return "link";
    }

    @Override
    public String usage() {
        return services.cad().generation() == ApiGeneration.V1 ? "/cad link <apiId> | <player> <id>" : "/cad link | <player> <id>";
    }

    @Override
    public String description() {
        return services.cad().generation() == ApiGeneration.V1
                ? "set the CAD API ID used for you" : "link your game account to your CAD account";
    }

    @Override
    public boolean canUse(CommandSource sender) {
        String self = services.cad().generation() == ApiGeneration.V1 ? Permissions.LINK_OWN_API_ID : Permissions.USE_LINK;
        return sender.hasPermission(self) || sender.hasPermission(Permissions.STAFF_LINK);
    }

    @Override
    public void run(CommandSource sender, List<String> args) {
        boolean v1 = services.cad().generation() == ApiGeneration.V1;
        if (args.size() == 2) {
            staffLink(sender, args.get(0), args.get(1));
        } else if (args.size() == 1 && v1) {
            setOwnApiId(sender, args.get(0));
        } else if (args.isEmpty() && v1) {
            Players.self(sender, usage());
            requirePermission(sender, Permissions.LINK_OWN_API_ID);
            throw new CommandFailure(Message.LINK_NEEDS_ID, Messages.text("api_id_hint", "<apiId>"));
        } else if (args.isEmpty()) {
            startLinkFlow(sender);
        } else {
            throw new CommandFailure(Message.USAGE, Messages.text("usage", usage()));
        }
    }

    private void startLinkFlow(CommandSource sender) {
        PlatformPlayer player = Players.self(sender, usage());
        requirePermission(sender, Permissions.USE_LINK);
        if (!services.links().inProgress(player.uniqueId())) {
            requests.admit(sender);
        }
        ChatProgress progress = new ChatProgress(sender);
        try {
            services.links().start(player.uniqueId(), player.name(), progress);
        } finally {
            progress.commandReturned();
        }
    }

    private void setOwnApiId(CommandSource sender, String apiId) {
        PlatformPlayer player = Players.self(sender, usage());
        requirePermission(sender, Permissions.LINK_OWN_API_ID);
        String id = OperationLimits.unitId("apiId", apiId);
        refuseAnotherPlayersName(player, id);
        bind(sender, player, id, IdentitySource.SELF_LINKED, Message.API_ID_SET);
    }

    /**
     * Under the name rule a player's default API ID is their name, stored nowhere, so while they
     * are offline nothing else would stop someone taking it. Every name the server has seen is theirs.
     */
    private void refuseAnotherPlayersName(PlatformPlayer player, String id) {
        if (services.identities().settings().apiIdRule() != IdRule.NAME) {
            return;
        }
        services.platform().knownPlayerId(id)
                .filter(owner -> !owner.equals(player.uniqueId()))
                .ifPresent(owner -> {
                    throw new CommandFailure(Message.LINK_TAKEN, Messages.text("cad_id", id), Messages.text("player", id));
                });
    }

    private void staffLink(CommandSource sender, String playerName, String cadId) {
        requirePermission(sender, Permissions.STAFF_LINK);
        PlatformPlayer target = Players.online(services.platform(), playerName);
        String id = OperationLimits.unitId("id", cadId);
        bind(sender, target, id, IdentitySource.STAFF, Message.STAFF_LINK_SET);
    }

    private void bind(CommandSource sender, PlatformPlayer target, String id, IdentitySource source, Message done) {
        String name = target.name();
        services.identities().bind(target.uniqueId(), name, id, source, LinkState.UNKNOWN, null)
                .whenComplete((outcome, error) -> Replies.later(services.platform(), sender, to -> {
                    if (error != null) {
                        services.platform().logger().log(Level.WARNING, "Could not store the CAD id of " + name, error);
                        to.sendMessage(services.messages().render(Message.INTERNAL_ERROR));
                    } else if (outcome instanceof BindOutcome.Taken taken) {
                        to.sendMessage(services.messages().render(Message.LINK_TAKEN,
                                Messages.text("cad_id", taken.cadId()), Messages.text("player", taken.otherPlayerName())));
                    } else {
                        to.sendMessage(services.messages().render(done, Messages.text("player", name), Messages.text("cad_id", id)));
                    }
                }));
    }

    private static void requirePermission(CommandSource sender, String permission) {
        if (!sender.hasPermission(permission)) {
            throw new CommandFailure(Message.NO_PERMISSION);
        }
    }

    /**
     * Turns link progress into chat lines for the player, on the server thread. What happens while
     * the command itself runs (the "checking" line, a code already open) is said in the same call,
     * as every other command answers; later progress arrives from other threads and hops back.
     */
    private final class ChatProgress implements LinkProgress {
        private final CommandSource sender;
        private final Thread commandThread = Thread.currentThread();
        private volatile boolean commandRunning = true;

        ChatProgress(CommandSource sender) {
            this.sender = sender;
        }

        void commandReturned() {
            commandRunning = false;
        }

        private void say(Message message, net.kyori.adventure.text.minimessage.tag.resolver.TagResolver... placeholders) {
            tell(to -> to.sendMessage(services.messages().render(message, placeholders)));
        }

        private void tell(Consumer<CommandSource> action) {
            if (commandRunning && Thread.currentThread() == commandThread) {
                action.accept(sender);
            } else {
                Replies.later(services.platform(), sender, action);
            }
        }

        @Override
        public void checking() {
            say(Message.LINK_CHECKING);
        }

        @Override
        public void alreadyLinked() {
            say(Message.LINK_ALREADY);
        }

        @Override
        public void codeIssued(CadLinks.LinkCode code) {
            Duration left = Duration.between(services.clock().instant(), code.expiresAt());
            long minutes = Math.max(1, (left.toSeconds() + 59) / 60);
            Component link = Component.text(code.url())
                    .clickEvent(ClickEvent.openUrl(code.url()))
                    .decorate(TextDecoration.UNDERLINED);
            say(Message.LINK_CODE, Messages.component("link", link), Messages.text("code", code.code()),
                    Messages.text("minutes", minutes));
        }

        @Override
        public void linked() {
            say(Message.LINK_DONE);
        }

        @Override
        public void expired() {
            say(Message.LINK_EXPIRED);
        }

        @Override
        public void taken(String cadId, String otherPlayerName) {
            say(Message.LINK_TAKEN, Messages.text("cad_id", cadId), Messages.text("player", otherPlayerName));
        }

        @Override
        public void failed(String reason) {
            say(Message.LINK_FAILED, Messages.text("reason", reason));
        }
    }

    @Override
    public List<String> complete(CommandSource sender, List<String> args) {
        if (args.size() == 1 && sender.hasPermission(Permissions.STAFF_LINK)) {
            return Players.names(services.platform(), args.get(0));
        }
        return List.of();
    }
}
