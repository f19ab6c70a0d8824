package dev.cadbridge.paper;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.cadbridge.sandbox.SandboxEndpoint;
import dev.cadbridge.sandbox.SandboxRequest;
import java.util.ArrayList;
import java.util.List;
import net.kyori.adventure.text.Component;
import net.kyori.adventure.text.event.ClickEvent;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The short forms RP players type (/911, /311, /panic), registered in plugin.yml and forwarded to the
 * /cad subcommand of the same name, and /cad calls' clickable lines, through Paper's command dispatch.
 */
class ShortFormsTest extends PaperServerTest {
    private PaperLikePlayer pat;
    private PaperLikePlayer olivia;
    private Inbox patSaid;
    private Inbox oliviaSaid;

    @BeforeEach
    void startPlugin() {
        start("quit.action", "none", "commands.cooldown", "0s");
        pat = join("Pat");
        olivia = joinOp("Olivia");
        patSaid = inbox(pat);
        oliviaSaid = inbox(olivia);
    }

    private static JsonObject body(SandboxRequest request) {
        return JsonParser.parseString(request.body()).getAsJsonObject();
    }

    private List<SandboxRequest> calls911() {
        return cad.requestsTo(SandboxEndpoint.V2_CALL_911);
    }

    @Test
    void slash911IsCad911() {
        assertThat(server.getCommandMap().getCommand("911")).isNotNull();

        pat.performCommand("911 Shots fired near the bank");

        tickUntilSaid(patSaid, "reached the dispatchers");
        assertThat(patSaid.last()).matches("\\[CAD] Your 911 call #\\d+ reached the dispatchers\\.");
        assertThat(calls911()).singleElement().satisfies(request -> {
            assertThat(body(request).get("description").getAsString()).isEqualTo("Shots fired near the bank");
            assertThat(body(request).get("isEmergency").getAsBoolean()).isTrue();
        });
    }

    @Test
    void slash311IsANonEmergencyCallOnThe911Route() {
        pat.performCommand("311 my cat is stuck in a tree");

        tickUntilSaid(patSaid, "reached the dispatchers");
        assertThat(patSaid.last()).matches("\\[CAD] Your non-emergency call #\\d+ reached the dispatchers\\.");
        assertThat(calls911()).singleElement().satisfies(request -> {
            assertThat(body(request).get("description").getAsString()).isEqualTo("my cat is stuck in a tree");
            assertThat(body(request).get("isEmergency").getAsBoolean()).isFalse();
        });
    }

    @Test
    void slashPanicTogglesAndTakesOnOrOff() {
        pat.performCommand("panic");
        tickUntilSaid(patSaid, "Panic button pressed");
        pat.performCommand("panic");
        tickUntilSaid(patSaid, "Panic cleared");
        pat.performCommand("panic on");
        tickUntil(() -> cad.requestsTo(SandboxEndpoint.V2_UNIT_PANIC).size() == 3);

        assertThat(cad.requestsTo(SandboxEndpoint.V2_UNIT_PANIC)).extracting(request -> body(request).get("isPanic").getAsBoolean())
                .containsExactly(true, false, true);
    }

    @Test
    void theShortFormsCompleteAsTheirSubcommand() {
        assertThat(server.getCommandTabComplete(pat, "panic ")).containsExactlyInAnyOrder("on", "off");
        assertThat(server.getCommandTabComplete(olivia, "911 r")).containsExactly("remove");
        assertThat(server.getCommandTabComplete(pat, "911 r")).isEmpty();
    }

    @Test
    void theShortFormsKeepTheirSubcommandsPermission() {
        PaperLikePlayer quinn = join("Quinn");
        quinn.addAttachment(plugin, "cadbridge.use.911", false);
        Inbox quinnSaid = inbox(quinn);

        quinn.performCommand("911 help");

        assertThat(quinnSaid.lines()).containsExactly("[CAD] You do not have permission to do that.");
        assertThat(calls911()).isEmpty();
    }

    @Test
    void cadCallsLinesOfferAClickableAttachMe() {
        long call = cad.addCall("Bank <bold>robbery</bold>");

        olivia.performCommand("cad calls");
        tickUntilSaid(oliviaSaid, "Open calls: 1");

        Component line = oliviaSaid.components().stream().filter(message -> Inbox.plain(message).startsWith("#" + call))
                .findFirst().orElseThrow();
        assertThat(Inbox.plain(line)).isEqualTo("#" + call + " Bank <bold>robbery</bold> · P2 · - · 0 unit(s) [attach me]");
        assertThat(clicks(line)).containsExactly(ClickEvent.runCommand("/cad attach " + call));

        pat.performCommand("cad calls");
        assertThat(patSaid.lines()).containsExactly("[CAD] You do not have permission to do that.");
    }

    private static List<ClickEvent> clicks(Component component) {
        List<ClickEvent> found = new ArrayList<>();
        if (component.clickEvent() != null) {
            found.add(component.clickEvent());
        }
        component.children().forEach(child -> found.addAll(clicks(child)));
        return found;
    }
}
