package dev.cadbridge.paper;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cadbridge.sandbox.SandboxEndpoint;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import net.kyori.adventure.text.Component;
import net.kyori.adventure.text.event.ClickEvent;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The v2 link flow: the clickable code, polling on the server's timer, the outcome. */
class LinkFlowTest extends PaperServerTest {
    private static final String ACCOUNT = "0b7ad0a8-1c7e-4b1e-9d0e-5f5c6a9d2e11";

    private PaperLikePlayer pat;
    private Inbox patSaid;

    @BeforeEach
    void startPlugin() {
        start("quit.action", "none", "link.poll-interval", "3s");
        pat = join("Pat");
        patSaid = inbox(pat);
    }

    private String cadId() {
        return pat.getUniqueId().toString();
    }

    private static List<ClickEvent> clicks(Component component) {
        List<ClickEvent> found = new ArrayList<>();
        if (component.clickEvent() != null) {
            found.add(component.clickEvent());
        }
        component.children().forEach(child -> found.addAll(clicks(child)));
        return found;
    }

    @Test
    void aPlayerGetsAClickableCodeAndIsLinkedOnceTheyUseIt() {
        pat.performCommand("cad link");
        tickUntilSaid(patSaid, "Open https://");
        String code = cad.liveLinkCode(cadId()).orElseThrow();
        Component offer = patSaid.components().get(patSaid.components().size() - 1);
        assertThat(clicks(offer)).singleElement().satisfies(click -> {
            assertThat(click.action()).isEqualTo(ClickEvent.Action.OPEN_URL);
            assertThat(((ClickEvent.Payload.Text) click.payload()).value()).isEqualTo("https://sonorancad.com/id?code=" + code);
        });
        assertThat(patSaid.last()).contains("(code " + code + ", valid for 10 minutes)");

        cad.enterLinkCode(code, ACCOUNT);
        tickUntilSaid(patSaid, "now linked");
        assertThat(patSaid.last()).isEqualTo("[CAD] Your account is now linked to the CAD.");
        assertThat(cad.linkedAccount(cadId())).contains(ACCOUNT);

        PaperLikePlayer olivia = joinOp("Olivia");
        Inbox oliviaSaid = inbox(olivia);
        olivia.performCommand("cad whois Pat");
        tickUntilSaid(oliviaSaid, "CAD id");
        assertThat(oliviaSaid.last()).containsIgnoringCase("linked");
    }

    @Test
    void anAlreadyLinkedPlayerIsToldSoWithoutACode() {
        cad.link(cadId(), ACCOUNT);
        pat.performCommand("cad link");
        tickUntilSaid(patSaid, "already linked");
        assertThat(cad.requestsTo(SandboxEndpoint.V2_LINK_CREATE)).isEmpty();
    }

    @Test
    void anUnusedCodeExpiresAndThePlayerIsTold() {
        pat.performCommand("cad link");
        tickUntilSaid(patSaid, "Open https://");
        advance(Duration.ofMinutes(10));
        tickUntilSaid(patSaid, "expired");
        assertThat(patSaid.last()).isEqualTo("[CAD] Your link code expired before it was used. Run /cad link for a new one.");
    }

    @Test
    void pollingRunsEveryIntervalAndStopsWhenThePlayerLeaves() {
        pat.performCommand("cad link");
        tickUntilSaid(patSaid, "Open https://");
        int checksBefore = cad.requestsTo(SandboxEndpoint.V2_LINK_CHECK).size();
        advance(Duration.ofSeconds(3));
        tickUntil(() -> cad.requestsTo(SandboxEndpoint.V2_LINK_CHECK).size() == checksBefore + 1);

        pat.disconnect();
        int checksAtQuit = cad.requestsTo(SandboxEndpoint.V2_LINK_CHECK).size();
        advance(Duration.ofSeconds(30));
        assertThat(cad.requestsTo(SandboxEndpoint.V2_LINK_CHECK)).hasSize(checksAtQuit);
    }

    @Test
    void theConsoleCannotLinkItself() {
        Inbox consoleSaid = console();
        server.dispatchCommand(server.getConsoleSender(), "cad link");
        assertThat(consoleSaid.lines()).containsExactly(
                "[CAD] Only a player can do that alone; from the console use: /cad link | <player> <id>");
    }

    /** Issue 9 item 19 (being changed on another branch): the first answer comes in the same call, like every other command. */
    @Test
    void linkAnswersAtOnce() {
        pat.performCommand("cad link");
        assertThat(patSaid.lines()).containsExactly("[CAD] Checking whether your account is linked to the CAD…");
    }
}
