package dev.cadbridge.paper;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import net.kyori.adventure.text.Component;
import net.kyori.adventure.text.format.TextDecoration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Messages are MiniMessage from config.yml; what a player typed is shown as typed, never parsed as tags. */
class MiniMessageTest extends PaperServerTest {
    private PaperLikePlayer olivia;
    private Inbox oliviaSaid;

    @BeforeEach
    void startPlugin() {
        start("quit.action", "none");
        olivia = joinOp("Olivia");
        oliviaSaid = inbox(olivia);
        join("Pat");
    }

    private static List<Component> flatten(Component component) {
        List<Component> all = new ArrayList<>(List.of(component));
        component.children().forEach(child -> all.addAll(flatten(child)));
        return all;
    }

    @Test
    void aCallTitleWithTagsIsSentAndShownLiterally() {
        String title = "<click:run_command:'/op Olivia'><bold>Free diamonds</bold></click>";
        olivia.performCommand("cad dispatch \"" + title + "\"");
        tickUntilSaid(oliviaSaid, "Created call");
        assertThat(oliviaSaid.last()).isEqualTo("[CAD] Created call #1001: " + title);
        Component reply = oliviaSaid.components().get(oliviaSaid.components().size() - 1);
        assertThat(flatten(reply)).allSatisfy(part -> {
            assertThat(part.clickEvent()).isNull();
            assertThat(part.decoration(TextDecoration.BOLD)).isNotEqualTo(TextDecoration.State.TRUE);
        });
        assertThat(cad.createdCalls().get(0).title()).isEqualTo(title);
    }

    @Test
    void aKickReasonWithTagsStaysLiteral() {
        olivia.performCommand("cad kick Pat <rainbow>gone</rainbow>");
        tickUntilSaid(oliviaSaid, "community menu");
        assertThat(oliviaSaid.last()).isEqualTo("[CAD] Sent Pat back to the community menu (<rainbow>gone</rainbow>).");
    }

    @Test
    void anUnknownSubcommandIsEchoedLiterally() {
        olivia.performCommand("cad <bold>boom");
        assertThat(oliviaSaid.lines()).containsExactly("[CAD] There is no /cad <bold>boom. Try /cad help.");
    }

    @Test
    void theConfiguredMessagesAreRenderedAsMiniMessage() {
        olivia.performCommand("cad fly");
        Component reply = oliviaSaid.components().get(0);
        assertThat(flatten(reply)).anySatisfy(part -> assertThat(part.color()).isNotNull());
        assertThat(Inbox.plain(reply)).doesNotContain("<red>", "<dark_aqua>");
    }
}
