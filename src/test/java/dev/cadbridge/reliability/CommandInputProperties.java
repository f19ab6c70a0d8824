package dev.cadbridge.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cadbridge.command.Arguments;
import dev.cadbridge.platform.CommandSource;
import dev.cadbridge.testing.FakePlayer;
import dev.cadbridge.testing.Harness;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * Whatever a player or the console types after {@code /cad}: nothing escapes the handler, the
 * sender always gets an answer, no answer is the "something went wrong" fallback, a refusal says
 * what was wrong (the usage, the bad value, the unknown player or subcommand, the missing
 * permission), a refused command sends nothing, and the API key shows up nowhere.
 */
class CommandInputProperties {
    private static final String API_KEY = "sk-FUZZ-5d0c-LEAK-CANARY";
    private static final List<String> SUBCOMMANDS = List.of("attach", "detach", "kick", "dispatch", "close", "link",
            "unlink", "whois", "status", "reload", "help");
    private static final String INTERNAL_ERROR = "Something went wrong";

    enum Sender { STAFF, PLAYER, CONSOLE }

    /** The reply to one command, with the refusal it carries if any. */
    private record Outcome(List<String> messages, int operationsSent, List<String> log) {}

    private static Outcome run(Sender who, String line) {
        Harness h = new Harness().configure("sonoran.api-key", API_KEY).start();
        FakePlayer alex = h.join(who == Sender.STAFF ? h.staff("Alex") : h.player("Alex"));
        h.join(h.player("Sam"));
        CommandSource sender = who == Sender.CONSOLE ? h.console : alex;
        String[] args = line.isEmpty() ? new String[0] : line.split(" ", -1);
        h.core.command().execute(sender, args);
        h.platform.runMainTasks();
        List<String> messages = who == Sender.CONSOLE ? h.console.messages() : alex.messages();
        return new Outcome(messages, h.cad.received().size(), h.platform.log());
    }

    @Property(tries = 400)
    void anyArgumentsGetAnAnswerThatSaysWhatWasWrong(@ForAll("subcommand") String subcommand,
                                                      @ForAll("words") List<String> words,
                                                      @ForAll Sender who) {
        List<String> all = new ArrayList<>();
        all.add(subcommand);
        all.addAll(words);
        String line = String.join(" ", all);

        Outcome outcome = run(who, line);

        assertAnswered(line, outcome);
        Statistics.collect(who, outcome.operationsSent() > 0 ? "sent" : "not sent");
    }

    @Property(tries = 25)
    void thousandsOfWordsAreRefusedOrSentButNeverBreakAnything(@ForAll("bigSubcommand") String subcommand,
                                                               @ForAll("manyWords") List<String> words,
                                                               @ForAll Sender who) {
        String line = subcommand + " " + String.join(" ", words);
        assertAnswered(line, run(who, line));
    }

    private static final Pattern UNKNOWN_PLAYER = Pattern.compile("No online player is named (.*)\\.$");
    private static final Pattern UNKNOWN_COMMAND = Pattern.compile("There is no /cad (.*)\\. Try /cad help\\.$");

    private static void assertAnswered(String line, Outcome outcome) {
        String context = "/cad " + abbreviate(line) + " -> " + outcome.messages();
        assertThat(outcome.messages()).as("the sender got an answer: " + context).isNotEmpty();
        assertThat(outcome.messages()).as("no fallback error: " + context).noneMatch(m -> m.contains(INTERNAL_ERROR));
        assertThat(outcome.log()).as("nothing reached the catch-all: " + context).noneMatch(l -> l.startsWith("SEVERE"));
        String everything = String.join("\n", outcome.messages()) + String.join("\n", outcome.log());
        assertThat(everything).doesNotContain(API_KEY);

        for (String message : outcome.messages()) {
            String text = message.replaceFirst("^\\[CAD\\] ", "");
            boolean refusal = true;
            if (text.startsWith("Usage: ")) {
                assertThat(text).as(context).startsWith("Usage: /cad ");
            } else if (text.startsWith("Not sent: ")) {
                assertThat(text.substring("Not sent: ".length()).strip()).as("names the problem: " + context).hasSizeGreaterThan(5);
            } else if (matches(UNKNOWN_PLAYER, text) != null) {
                String named = matches(UNKNOWN_PLAYER, text);
                assertThat(words(line)).as("names a player the sender typed: " + context).anyMatch(word -> word.contains(named));
            } else if (matches(UNKNOWN_COMMAND, text) != null) {
                assertThat(line).as("names the subcommand typed: " + context).containsIgnoringCase(matches(UNKNOWN_COMMAND, text));
            } else if (text.startsWith("Only a player can do that alone")) {
                assertThat(text).as(context).contains("/cad ");
            } else {
                refusal = text.equals("You do not have permission to do that.");
            }
            if (refusal) {
                assertThat(outcome.operationsSent()).as("a refused command sends nothing: " + context).isZero();
            }
        }
    }

    /** The words as the command saw them, after quotes were applied. */
    private static List<String> words(String line) {
        return Arguments.tokenize(line.split(" ", -1));
    }

    private static String matches(Pattern pattern, String text) {
        Matcher matcher = pattern.matcher(text);
        return matcher.find() ? matcher.group(1) : null;
    }

    private static String abbreviate(String line) {
        return line.length() > 200 ? line.substring(0, 200) + "… (" + line.length() + " chars)" : line;
    }

    // ----- generators -----

    @Provide
    Arbitrary<String> subcommand() {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(8, Arbitraries.of(SUBCOMMANDS)),
                net.jqwik.api.Tuple.of(1, Arbitraries.of(SUBCOMMANDS).map(s -> s.toUpperCase(java.util.Locale.ROOT))),
                net.jqwik.api.Tuple.of(1, Arbitraries.strings().all().ofMaxLength(12)));
    }

    @Provide
    Arbitrary<String> bigSubcommand() {
        return Arbitraries.of("dispatch", "kick", "attach", "detach", "close", "link", "whois", "nonsense");
    }

    private static Arbitrary<String> word() {
        return Arbitraries.oneOf(
                Arbitraries.strings().all().ofMaxLength(30),
                Arbitraries.strings().alpha().numeric().withChars('-', '_', ':').ofMinLength(1).ofMaxLength(16),
                Arbitraries.longs().map(String::valueOf),
                Arbitraries.bigIntegers().between(BigInteger.valueOf(Long.MAX_VALUE), BigInteger.TEN.pow(40)).map(String::valueOf),
                Arbitraries.bigIntegers().between(BigInteger.TEN.pow(40).negate(), BigInteger.valueOf(Long.MIN_VALUE)).map(String::valueOf),
                Arbitraries.strings().withChars('"', '\\', ' ', 'a', '-', '=', ',').ofMaxLength(8),
                Arbitraries.of("", " ", "\"", "\"\"", "\"a b", "a\"b", "\\\"", "\"\\\"\"", "--priority", "--priority=9",
                        "--units", "--units=,", "--units=Alex,Nobody", "--code=", "--origin", "--origin=phone", "--status=closed",
                        "--desc", "--bogus", "Alex", "Sam", "alex", "Nobody", "CONSOLE", "0", "-1", "1", "2", "3", "1.5",
                        "9223372036854775807", "9223372036854775808", "-9223372036854775808", "NaN", "1e9", "0x10",
                        "١٢٣", "𝟙𝟚", "\u0000", "\t", "\n", "\r\n", "\u202E", "\uFEFF", "\uD83D\uDE93", "\uD800", "§c", "<red>",
                        "<click:run_command:'/op Alex'>x</click>", "%s", "${jndi:ldap://x}"));
    }

    @Provide
    Arbitrary<List<String>> words() {
        return word().list().ofMaxSize(8);
    }

    @Provide
    Arbitrary<List<String>> manyWords() {
        return word().list().ofMinSize(1000).ofMaxSize(5000);
    }

}
