package dev.cadbridge.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ArgumentsTest {

    private static java.util.List<String> words(String line) {
        return Arguments.tokenize(line.split(" ", -1));
    }

    @Test
    void quotedWordsStayTogether() {
        assertThat(words("dispatch \"Traffic Stop\" --desc \"red car, two people\""))
                .containsExactly("dispatch", "Traffic Stop", "--desc", "red car, two people");
    }

    @Test
    void extraSpacesAreIgnoredAndAnEmptyQuoteIsAnEmptyWord() {
        assertThat(words("a   b  \"\"")).containsExactly("a", "b", "");
    }

    @Test
    void anEscapedQuoteIsKept() {
        assertThat(words("say \"the \\\"big\\\" one\"")).containsExactly("say", "the \"big\" one");
    }

    @Test
    void aQuoteInsideAWordIsAnOrdinaryCharacter() {
        assertThat(words("it's 5\" long")).containsExactly("it's", "5\"", "long");
    }

    @Test
    void anUnclosedQuoteIsRefused() {
        assertThatThrownBy(() -> words("dispatch \"Traffic Stop")).isInstanceOf(CommandFailure.class);
    }
}
