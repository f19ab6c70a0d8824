package dev.cadbridge.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cadbridge.command.Permissions;
import dev.cadbridge.command.Subcommand;
import dev.cadbridge.platform.CommandSource;
import dev.cadbridge.platform.PlatformPlayer;
import dev.cadbridge.testing.FakePlayer;
import dev.cadbridge.testing.Harness;
import dev.cadbridge.testing.Texts;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import net.kyori.adventure.text.Component;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every subcommand form × its permission granted or missing × player or console. Granted means the
 * sender holds that one node and nothing else; missing means every other node but not that one, so
 * no other permission can stand in for it. The console rows use the real console (every node) for
 * "granted" and a non-player sender such as a command block for "missing".
 */
class PermissionMatrixTest {
    private static final List<String> ALL_NODES = List.of(Permissions.USE_ATTACH, Permissions.USE_DETACH,
            Permissions.USE_LINK, Permissions.USE_HELP, Permissions.USE_911, Permissions.USE_311, Permissions.USE_PANIC, Permissions.USE_UNIT, Permissions.STAFF_ATTACH, Permissions.STAFF_DETACH,
            Permissions.STAFF_KICK, Permissions.STAFF_DISPATCH, Permissions.STAFF_CLOSE, Permissions.STAFF_LINK,
            Permissions.STAFF_UNLINK, Permissions.STAFF_WHOIS, Permissions.STAFF_PANIC, Permissions.STAFF_UNIT,
            Permissions.STAFF_CALLS, Permissions.STAFF_UNITS, Permissions.STAFF_NOTE, Permissions.STAFF_911_REMOVE, Permissions.ADMIN_STATUS, Permissions.ADMIN_RELOAD);
    private static final String NO_PERMISSION = "[CAD] You do not have permission to do that.";
    private static final String PLAYER_ONLY = "[CAD] Only a player can do that alone";

    /**
     * One form of a subcommand, the node that gates it, and what a permitted sender sees happen:
     * {@code sends} for forms that reach the CAD, otherwise a phrase of the answer.
     */
    record Form(String subcommand, String line, String node, boolean playerOnly, boolean sends, String answer) {
        @Override
        public String toString() {
            return "/cad " + line;
        }
    }

    private static final List<Form> FORMS = List.of(
            new Form("attach", "attach 5", Permissions.USE_ATTACH, true, true, null),
            new Form("attach", "attach 5 Sam", Permissions.STAFF_ATTACH, false, true, null),
            new Form("detach", "detach", Permissions.USE_DETACH, true, true, null),
            new Form("detach", "detach Sam", Permissions.STAFF_DETACH, false, true, null),
            new Form("kick", "kick Sam Off duty", Permissions.STAFF_KICK, false, true, null),
            new Form("dispatch", "dispatch Shots fired --units Sam", Permissions.STAFF_DISPATCH, false, true, null),
            new Form("close", "close 5", Permissions.STAFF_CLOSE, false, true, null),
            new Form("911", "911 Shots fired", Permissions.USE_911, true, true, null),
            new Form("911", "911 remove 5", Permissions.STAFF_911_REMOVE, false, true, null),
            new Form("311", "311 Lost cat", Permissions.USE_311, true, true, null),
            new Form("note", "note 5 Suspect fled north", Permissions.STAFF_NOTE, false, true, null),
            new Form("panic", "panic on", Permissions.USE_PANIC, true, true, null),
            new Form("panic", "panic on Sam", Permissions.STAFF_PANIC, false, true, null),
            new Form("unit", "unit busy", Permissions.USE_UNIT, true, true, null),
            new Form("unit", "unit busy Sam", Permissions.STAFF_UNIT, false, true, null),
            new Form("calls", "calls", Permissions.STAFF_CALLS, false, true, null),
            new Form("units", "units", Permissions.STAFF_UNITS, false, true, null),
            new Form("link", "link", Permissions.USE_LINK, true, false, "Checking whether your account is linked"),
            new Form("link", "link Sam cad-sam", Permissions.STAFF_LINK, false, false, "Sam's CAD id is now cad-sam"),
            new Form("unlink", "unlink Sam", Permissions.STAFF_UNLINK, false, false, "Sam had no stored CAD id"),
            new Form("whois", "whois Sam", Permissions.STAFF_WHOIS, false, false, "Sam: CAD id"),
            new Form("status", "status", Permissions.ADMIN_STATUS, false, false, "CadBridge status"),
            new Form("reload", "reload", Permissions.ADMIN_RELOAD, false, false, "Reloading CadBridge"),
            new Form("doctor", "doctor", Permissions.ADMIN_DOCTOR, false, false, "CadBridge doctor"),
            new Form("help", "help", Permissions.USE_HELP, false, false, "CadBridge commands you can use"));

    enum Who { PLAYER, CONSOLE }

    static Stream<Arguments> matrix() {
        List<Arguments> cells = new ArrayList<>();
        for (Form form : FORMS) {
            for (Who who : Who.values()) {
                cells.add(Arguments.of(form, who, true));
                cells.add(Arguments.of(form, who, false));
            }
        }
        return cells.stream();
    }

    @ParameterizedTest(name = "{0} by {1}, permission granted: {2}")
    @MethodSource("matrix")
    void eachFormIsAllowedExactlyWithItsPermission(Form form, Who who, boolean granted) {
        Harness h = new Harness().start();
        h.join(h.player("Sam"));
        Set<String> nodes = new HashSet<>(granted ? List.of(form.node()) : ALL_NODES);
        if (!granted) {
            nodes.remove(form.node());
        }
        Sender sender;
        if (who == Who.PLAYER) {
            sender = new Sender(h.join(new FakePlayer("Alex").grant(nodes.toArray(String[]::new))));
        } else {
            sender = granted ? new Sender(h.console) : new Sender(new CommandBlock(nodes));
        }

        h.run(sender.source(), form.line());
        List<String> answer = sender.messages();

        boolean shouldWork = granted && !(who == Who.CONSOLE && form.playerOnly());
        if (shouldWork) {
            assertThat(answer).as(form + " answered").noneMatch(m -> m.equals(NO_PERMISSION) || m.startsWith(PLAYER_ONLY));
            if (form.sends()) {
                assertThat(h.cad.received()).as("reached the CAD").hasSize(1);
            } else {
                assertThat(answer).anyMatch(m -> m.contains(form.answer()));
            }
        } else {
            assertThat(answer).as("refused: " + form).isNotEmpty()
                    .allMatch(m -> m.equals(NO_PERMISSION) || m.startsWith(PLAYER_ONLY));
            assertThat(h.cad.received()).as("nothing sent").isEmpty();
            assertThat(h.cad.linkCodesCreatedFor()).isEmpty();
            assertThat(h.cad.linkChecks()).isZero();
        }
    }

    @Test
    void theMatrixCoversEverySubcommand() {
        Harness h = new Harness().start();
        List<String> names = h.core.command().subcommands().stream().map(Subcommand::name).toList();
        assertThat(FORMS.stream().map(Form::subcommand).distinct()).containsExactlyInAnyOrderElementsOf(names);
    }

    /** Who ran the command and what they were told. */
    private record Sender(CommandSource source) {
        List<String> messages() {
            return switch (source) {
                case FakePlayer player -> player.messages();
                case dev.cadbridge.testing.FakeConsole console -> console.messages();
                case CommandBlock block -> block.messages();
                default -> throw new IllegalStateException("unknown sender " + source);
            };
        }
    }

    /** A non-player sender with chosen permissions, like a command block or a restricted RCON user. */
    private static final class CommandBlock implements CommandSource {
        private final Set<String> nodes;
        private final List<String> received = new CopyOnWriteArrayList<>();

        CommandBlock(Set<String> nodes) {
            this.nodes = Set.copyOf(nodes);
        }

        @Override
        public String name() {
            return "@";
        }

        @Override
        public boolean hasPermission(String permission) {
            return nodes.contains(permission);
        }

        @Override
        public void sendMessage(Component message) {
            received.add(Texts.plain(message));
        }

        @Override
        public Optional<PlatformPlayer> asPlayer() {
            return Optional.empty();
        }

        List<String> messages() {
            return received;
        }
    }
}
