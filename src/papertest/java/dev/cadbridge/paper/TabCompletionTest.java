package dev.cadbridge.paper;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Tab completion through the server's command map: what each sender is offered, and what a player must not learn. */
class TabCompletionTest extends PaperServerTest {
    private PaperLikePlayer pat;
    private PaperLikePlayer olivia;

    @BeforeEach
    void startPlugin() {
        start();
        pat = join("Pat");
        olivia = joinOp("Olivia");
        join("Paula");
    }

    @Test
    void aPlainPlayerIsOfferedOnlyTheSubcommandsTheyMayUse() {
        assertThat(server.getCommandTabComplete(pat, "cad ")).containsExactly("311", "911", "attach", "detach", "help", "link", "panic", "unit");
    }

    @Test
    void anOpAndTheConsoleAreOfferedEverySubcommandThroughEveryAlias() {
        var all = new String[] {"311", "911", "attach", "calls", "close", "detach", "dispatch", "doctor", "help", "kick", "link", "note", "panic",
            "reload", "status", "unit", "units", "unlink", "whois"};
        assertThat(server.getCommandTabComplete(olivia, "cad ")).containsExactly(all);
        assertThat(server.getCommandTabComplete(olivia, "sonoran ")).containsExactly(all);
        assertThat(server.getCommandTabComplete(olivia, "cadbridge ")).containsExactly(all);
        assertThat(server.getCommandTabComplete(server.getConsoleSender(), "cad ")).containsExactly(all);
        assertThat(server.getCommandTabComplete(olivia, "cad d")).containsExactly("detach", "dispatch", "doctor");
    }

    @Test
    void staffAreOfferedOnlinePlayerNamesMatchingWhatTheyTyped() {
        assertThat(server.getCommandTabComplete(olivia, "cad kick ")).containsExactly("Olivia", "Pat", "Paula");
        assertThat(server.getCommandTabComplete(olivia, "cad kick pa")).containsExactly("Pat", "Paula");
        assertThat(server.getCommandTabComplete(olivia, "cad whois O")).containsExactly("Olivia");
        assertThat(server.getCommandTabComplete(olivia, "cad attach 1001 ")).containsExactly("Olivia", "Pat", "Paula");
    }

    @Test
    void aPlainPlayerIsNeverOfferedNamesOfOtherPlayers() {
        assertThat(server.getCommandTabComplete(pat, "cad attach 1001 ")).isEmpty();
        assertThat(server.getCommandTabComplete(pat, "cad detach ")).isEmpty();
        assertThat(server.getCommandTabComplete(pat, "cad kick ")).isEmpty();
        assertThat(server.getCommandTabComplete(pat, "cad whois ")).isEmpty();
        assertThat(server.getCommandTabComplete(pat, "cad link ")).isEmpty();
        assertThat(server.getCommandTabComplete(pat, "cad dispatch Fire --units ")).isEmpty();
    }

    @Test
    void dispatchFlagsAndTheirValuesAreOffered() {
        assertThat(server.getCommandTabComplete(olivia, "cad dispatch Fire --pr")).containsExactly("--priority");
        assertThat(server.getCommandTabComplete(olivia, "cad dispatch Fire --priority ")).containsExactly("1", "2", "3");
        assertThat(server.getCommandTabComplete(olivia, "cad dispatch Fire --status ")).contains("pending", "active");
        assertThat(server.getCommandTabComplete(olivia, "cad dispatch Fire --units Pat,Pa")).containsExactly("Pat,Pat", "Pat,Paula");
    }
}
