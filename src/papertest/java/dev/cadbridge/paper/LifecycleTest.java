package dev.cadbridge.paper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.logging.Level;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Enable without a key, and disable then enable again in one JVM. */
class LifecycleTest extends PaperServerTest {

    @Test
    void withoutAKeyThePluginSaysSoOnceAndStaysLoaded() {
        start("sonoran.api-key", "PASTE-YOUR-API-KEY-HERE");
        assertThat(plugin.isEnabled()).isTrue();
        List<String> severe = logLines(Level.SEVERE);
        assertThat(severe).hasSize(1);
        assertThat(severe.get(0)).contains("CadBridge cannot reach Sonoran CAD: no API key is set.", "+---");

        PaperLikePlayer pat = join("Pat");
        PaperLikePlayer olivia = joinOp("Olivia");
        Inbox patSaid = inbox(pat);
        Inbox oliviaSaid = inbox(olivia);
        pat.performCommand("cad attach 1001");
        olivia.performCommand("cad kick Pat");
        assertThat(patSaid.lines()).containsExactly(
                "[CAD] CadBridge is not connected to the CAD yet; staff have been told why in the server console.");
        assertThat(oliviaSaid.lines()).singleElement().asString().startsWith("[CAD] CadBridge cannot reach the CAD: ");
        ticks(100);
        assertThat(cad.requests()).isEmpty();
        assertThat(logLines(Level.SEVERE)).hasSize(1);
    }

    @Test
    void fixingTheKeyAndReloadingConnects() {
        start("sonoran.api-key", "");
        PaperLikePlayer olivia = joinOp("Olivia");
        join("Pat");
        Inbox said = inbox(olivia);
        editConfig("sonoran.api-key", dev.cadbridge.sandbox.SonoranSandbox.DEFAULT_API_KEY);
        olivia.performCommand("cad reload");
        tickUntilSaid(said, "reloaded");
        olivia.performCommand("cad kick Pat");
        tickUntil(() -> cad.deliveredKicks().size() == 1);
        tickUntil(() -> log.stream().anyMatch(record -> record.getMessage().startsWith("Connected to Sonoran CAD")));
    }

    private static Set<Thread> liveThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).collect(Collectors.toSet());
    }

    /**
     * Threads started since {@code before}, leaving out the test's own (MockBukkit's pool, the
     * sandbox's server, Awaitility) and the JVM's shared common pool, which the JDK starts on first
     * use (its timeout scheduler) and which outlives every plugin on a real server too.
     */
    private static Set<String> newThreads(Set<Thread> before) {
        return liveThreads().stream()
                .filter(thread -> !before.contains(thread))
                .filter(thread -> !thread.getName().startsWith("pool-") && !thread.getName().startsWith("MockWebServer")
                        && !thread.getName().startsWith("awaitility") && !thread.getName().startsWith("ForkJoinPool.commonPool"))
                .map(Thread::getName)
                .collect(Collectors.toSet());
    }

    private void useTheCad(PaperLikePlayer olivia, Inbox said, String target) {
        olivia.performCommand("cad kick " + target);
        tickUntilSaid(said, "community menu");
        said.clear();
    }

    @Test
    void disableAndEnableAgainLeaveNoThreadBehind() {
        Set<Thread> before = liveThreads();
        start("quit.action", "none");
        PaperLikePlayer olivia = joinOp("Olivia");
        Inbox said = inbox(olivia);
        useTheCad(olivia, said, "Olivia");
        assertThat(newThreads(before)).as("threads while enabled").contains("CadBridge-Dispatcher");

        server.getPluginManager().disablePlugin(plugin);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(newThreads(before)).isEmpty());

        server.getPluginManager().enablePlugin(plugin);
        assertThat(plugin.isEnabled()).isTrue();
        useTheCad(olivia, said, "Olivia");
        assertThat(cad.deliveredKicks()).hasSize(2);

        server.getPluginManager().disablePlugin(plugin);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(newThreads(before)).isEmpty());
    }
}
