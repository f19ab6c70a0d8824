package dev.cadbridge.paper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.cadbridge.sandbox.FakeHub;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.concurrent.CopyOnWriteArrayList;
import net.kyori.adventure.text.Component;
import net.kyori.adventure.text.event.ClickEvent;
import net.kyori.adventure.text.event.HoverEvent;
import org.bukkit.Bukkit;
import org.bukkit.event.EventHandler;
import org.bukkit.event.Listener;
import org.junit.jupiter.api.Test;

/** The live session on Paper: CAD events reach the chat and other plugins through CadBridge's Bukkit events. */
class LiveEventsTest extends PaperServerTest {
    private final List<Object> fired = new CopyOnWriteArrayList<>();
    private final List<Boolean> firedOnServerThread = new CopyOnWriteArrayList<>();

    public final class Recorder implements Listener {
        @EventHandler
        public void on(CadCallAssignedEvent event) {
            fired.add(event);
            firedOnServerThread.add(Bukkit.isPrimaryThread());
        }

        @EventHandler
        public void on(CadCallCreatedEvent event) {
            fired.add(event);
            firedOnServerThread.add(Bukkit.isPrimaryThread());
        }

        @EventHandler
        public void on(CadUnitPanicEvent event) {
            fired.add(event);
        }
    }

    private static Set<Thread> liveThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).collect(Collectors.toSet());
    }

    /**
     * Threads started since {@code before}, leaving out the test's own (MockBukkit's pool, the
     * sandbox's server, Awaitility) and OkHttp's and Okio's shared workers ("OkHttp TaskRunner",
     * "Okio Watchdog"): in this JVM the sandbox's websocket server runs on them too, and they end by
     * themselves after 60 s idle (in the plugin jar the relocated copies are shared with the REST client).
     */
    private static Set<String> newThreads(Set<Thread> before) {
        return liveThreads().stream()
                .filter(thread -> !before.contains(thread))
                .filter(thread -> !thread.getName().startsWith("pool-") && !thread.getName().startsWith("MockWebServer")
                        && !thread.getName().startsWith("awaitility") && !thread.getName().startsWith("ForkJoinPool.commonPool")
                        && !thread.getName().equals("OkHttp TaskRunner") && !thread.getName().equals("Okio Watchdog"))
                .map(Thread::getName)
                .collect(Collectors.toSet());
    }

    @Test
    void reloadAndDisableLeaveNoThreadOfTheLiveSessionBehind() {
        FakeHub hub = cad.withHub(List.of(1));
        Set<Thread> before = liveThreads();
        start("live.enabled", true, "quit.action", "none");
        tickUntil(hub::hasAuthenticatedSession);
        assertThat(newThreads(before)).as("threads while connected").contains("CadBridge-Live");

        editConfig("live.notify.new-call", false, "sonoran.server-id", 1, "sonoran.connect-timeout", "3s");
        Inbox console = console();
        server.dispatchCommand(server.getConsoleSender(), "cad reload");
        tickUntilSaid(console, "reloaded");
        tickUntil(() -> hub.authentications().size() == 2 && hub.hasAuthenticatedSession());

        server.getPluginManager().disablePlugin(plugin);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(newThreads(before)).isEmpty());
    }

    @Test
    void anAttachIsToldToThePlayerWithDetailsOnHoverAndOtherPluginsHearOfItAndOfNewCalls() {
        FakeHub hub = cad.withHub(List.of(1));
        start("live.enabled", true);
        server.getPluginManager().registerEvents(new Recorder(), plugin);
        PaperLikePlayer olivia = joinOp("Olivia");
        Inbox said = inbox(olivia);
        tickUntil(hub::hasAuthenticatedSession);

        JsonObject unit = new JsonObject();
        unit.addProperty("id", 77);
        unit.addProperty("accId", "acc-olivia");
        JsonObject unitData = new JsonObject();
        unitData.addProperty("unitNum", "A-10");
        unitData.addProperty("communityUserId", olivia.getUniqueId().toString());
        unit.add("data", unitData);
        JsonObject login = new JsonObject();
        login.add("unit", unit);
        hub.push("EVENT_UNIT_LOGIN", login);

        JsonObject dispatch = new JsonObject();
        dispatch.addProperty("callId", 42);
        dispatch.addProperty("title", "Traffic Stop");
        dispatch.addProperty("address", "4234 E. Example Ave");
        dispatch.addProperty("description", "Blue sedan");
        JsonObject created = new JsonObject();
        created.add("dispatch", dispatch);
        JsonArray createdData = new JsonArray();
        createdData.add(created);
        hub.push("EVENT_DISPATCH_NEW", createdData);
        tickUntilSaid(said, "New call #42");

        JsonObject attach = new JsonObject();
        attach.addProperty("ident", 77);
        attach.addProperty("callId", 42);
        hub.push("EVENT_DISPATCH_UNIT_ATTACH", attach);
        tickUntilSaid(said, "Dispatch attached you");

        assertThat(said.last()).isEqualTo("[CAD] Dispatch attached you (A-10) to call #42: Traffic Stop at 4234 E. Example Ave.");
        Component line = said.components().get(said.components().size() - 1);
        HoverEvent<?> hover = line.hoverEvent();
        assertThat(hover).isNotNull();
        assertThat(((net.kyori.adventure.text.TextComponent) hover.value()).content()).contains("Description: Blue sedan");
        assertThat(line.clickEvent().action()).isEqualTo(ClickEvent.Action.COPY_TO_CLIPBOARD);

        tickUntil(() -> fired.size() == 2);
        assertThat(fired.get(0)).isInstanceOfSatisfying(CadCallCreatedEvent.class, event -> {
            assertThat(event.getCallId()).isEqualTo(42);
            assertThat(event.getTitle()).isEqualTo("Traffic Stop");
            assertThat(event.isAsynchronous()).isTrue();
        });
        assertThat(fired.get(1)).isInstanceOfSatisfying(CadCallAssignedEvent.class, event -> {
            assertThat(event.getPlayer()).isSameAs(olivia);
            assertThat(event.getUnit()).isEqualTo("A-10");
            assertThat(event.getAddress()).isEqualTo("4234 E. Example Ave");
        });
        assertThat(firedOnServerThread).containsExactly(false, true);
    }
}
