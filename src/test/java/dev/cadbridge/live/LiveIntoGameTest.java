package dev.cadbridge.live;

import static dev.cadbridge.testing.PluginOnSandbox.says;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.cadbridge.sandbox.FakeHub;
import dev.cadbridge.sandbox.SandboxEndpoint;
import dev.cadbridge.sonoran.ApiGeneration;
import dev.cadbridge.testing.FakePlayer;
import dev.cadbridge.testing.PluginOnSandbox;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The plugin with its live session on the sandbox's fake hub: each CAD event from the wire to the
 * chat line of the players it concerns.
 */
class LiveIntoGameTest {
    private final PluginOnSandbox plugin = new PluginOnSandbox();
    private final FakeHub hub = plugin.cad.withHub(List.of(1));
    private FakePlayer olivia;
    private FakePlayer sam;
    private FakePlayer staff;
    private long oliviaIdent;

    @AfterEach
    void stop() {
        plugin.close();
    }

    /** Olivia is logged in to the CAD as A-10 before the server starts: the session's seed knows her unit. */
    private void start(Object... config) {
        olivia = plugin.h.player("Olivia");
        sam = plugin.h.player("Sam");
        staff = plugin.h.staff("Stella").grant("cadbridge.notify.calls", "cadbridge.notify.911", "cadbridge.notify.panic");
        plugin.cad.logIn(olivia.uniqueId().toString());
        plugin.cad.setUnitProfile(olivia.uniqueId().toString(), "A-10", "Olivia Officer");
        oliviaIdent = plugin.cad.identIdOf(olivia.uniqueId().toString()).orElseThrow();
        plugin.start(ApiGeneration.V2, config);
        plugin.h.join(olivia);
        plugin.h.join(sam);
        plugin.h.join(staff);
        plugin.eventually(hub::hasAuthenticatedSession);
        plugin.eventually(() -> plugin.h.core.liveStatus().units() == 1 && plugin.h.core.liveStatus().state() == LiveStatus.State.CONNECTED);
    }

    private void startDefault() {
        start();
    }

    private static JsonObject dispatch(long callId, String title, String address, long... idents) {
        JsonObject dispatch = new JsonObject();
        dispatch.addProperty("callId", callId);
        dispatch.addProperty("title", title);
        dispatch.addProperty("address", address);
        dispatch.addProperty("code", "10-39");
        dispatch.addProperty("priority", 2);
        dispatch.addProperty("description", "Blue sedan <red>XP123</red>");
        JsonArray identArray = new JsonArray();
        for (long ident : idents) {
            identArray.add(ident);
        }
        dispatch.add("idents", identArray);
        JsonObject data = new JsonObject();
        data.addProperty("eventOriginIdent", 99);
        data.add("dispatch", dispatch);
        JsonArray wrapped = new JsonArray();
        wrapped.add(data);
        return wrapWith(wrapped);
    }

    private static JsonObject wrapWith(JsonArray array) {
        JsonObject holder = new JsonObject();
        holder.add("data", array);
        return holder;
    }

    private static JsonObject attach(long callId, long ident) {
        JsonObject data = new JsonObject();
        data.addProperty("eventOriginIdent", 99);
        data.addProperty("ident", ident);
        data.addProperty("callId", callId);
        return data;
    }

    @Test
    void aNewCallIsAnnouncedToNotifiedPlayersAndAnAttachTellsTheUnitsPlayerWithNumberTitleAndAddress() {
        startDefault();
        hub.push("EVENT_DISPATCH_NEW", dispatch(42, "Traffic Stop", "4234 E. Example Ave").get("data"));
        plugin.eventually(says(staff, "[CAD] New call #42: Traffic Stop at 4234 E. Example Ave."));

        hub.push("EVENT_DISPATCH_UNIT_ATTACH", attach(42, oliviaIdent));
        plugin.eventually(says(olivia, "[CAD] Dispatch attached you (A-10) to call #42: Traffic Stop at 4234 E. Example Ave."));

        assertThat(olivia.messages()).noneMatch(line -> line.contains("New call"));
        assertThat(sam.messages()).isEmpty();
        assertThat(plugin.h.core.liveStatus().eventsReceived()).isEqualTo(2);
    }

    /**
     * Call #N was opened, and Olivia put on it, before the session connected: the open calls the CAD
     * listed at connect let the dispatcher's later attach name its title and address, and its close
     * reach the units the list said were on it.
     */
    @Test
    void aCallOpenedBeforeTheSessionIsNamedFromTheCallsListedAtConnect() {
        long call = plugin.cad.addCall("Armed Robbery", "1 Bank Square");
        olivia = plugin.h.player("Olivia");
        plugin.cad.logIn(olivia.uniqueId().toString());
        plugin.cad.attachInCad(call, olivia.uniqueId().toString());
        start();
        plugin.eventually(() -> plugin.cad.requestsTo(SandboxEndpoint.V2_CALLS).size() == 1);
        plugin.eventually(() -> {
            hub.push("EVENT_DISPATCH_UNIT_ATTACH", attach(call, oliviaIdent));
            return olivia.messages().contains("[CAD] Dispatch attached you (A-10) to call #" + call + ": Armed Robbery at 1 Bank Square.");
        });

        JsonObject closed = new JsonObject();
        JsonArray ids = new JsonArray();
        ids.add(call);
        closed.add("callIds", ids);
        hub.push("EVENT_DISPATCH_CLOSED", closed);
        plugin.eventually(says(olivia, "[CAD] Call #" + call + ": Armed Robbery at 1 Bank Square was closed."));
    }

    @Test
    void theAttachEventUnderItsPageTitleNameAndADetachAreToldToo() {
        startDefault();
        hub.push("EVENT_UNIT_ATTACH", attach(7, oliviaIdent));
        plugin.eventually(says(olivia, "[CAD] Dispatch attached you (A-10) to call #7."));
        hub.push("EVENT_DISPATCH_UNIT_DETACH", attach(7, oliviaIdent));
        plugin.eventually(says(olivia, "[CAD] Dispatch detached you (A-10) from call #7."));
    }

    /**
     * Sam is not in the seed (he logs in to the CAD only after the session connected, and no login
     * event came): attaching him with /cad attach teaches the cache his identifier from the CAD's
     * answer, so the dispatcher's later detach reaches him.
     */
    @Test
    void aUnitAttachedByCommandIsKnownByTheIdentifierTheAnswerNamedSoADetachEventReachesItsPlayer() {
        startDefault();
        long call = plugin.cad.addCall("Burglary");
        plugin.h.run(sam, "attach " + call);
        plugin.eventually(says(sam, "[CAD] Attached Sam to call #" + call + "."));
        long samIdent = plugin.cad.identIdOf(sam.uniqueId().toString()).orElseThrow();

        hub.push("EVENT_DISPATCH_UNIT_DETACH", attach(call, samIdent));
        plugin.eventually(says(sam, "[CAD] Dispatch detached you (unit " + samIdent + ") from call #" + call + "."));
        assertThat(olivia.messages()).isEmpty();
        assertThat(plugin.h.core.liveStatus().units()).isEqualTo(2);
    }

    @Test
    void textFromTheCadIsShownLiterallyNeverAsFormatting() {
        startDefault();
        hub.push("EVENT_DISPATCH_NEW", dispatch(43, "<red>Bank</red> robbery", "<click:run_command:/op Sam>Main St").get("data"));
        plugin.eventually(says(staff, "[CAD] New call #43: <red>Bank</red> robbery at <click:run_command:/op Sam>Main St."));
    }

    @Test
    void aClosedCallIsToldToItsAttachedPlayersOnly() {
        startDefault();
        hub.push("EVENT_DISPATCH_NEW", dispatch(44, "Fight", "Park", oliviaIdent).get("data"));
        plugin.eventually(says(staff, "[CAD] New call #44: Fight at Park."));
        JsonObject closed = new JsonObject();
        JsonArray ids = new JsonArray();
        ids.add(44);
        closed.add("callIds", ids);
        hub.push("EVENT_DISPATCH_CLOSED", closed);
        plugin.eventually(says(olivia, "[CAD] Call #44: Fight at Park was closed."));
        assertThat(sam.messages()).isEmpty();
        assertThat(staff.messages()).noneMatch(line -> line.contains("closed"));
    }

    @Test
    void a911CallAndItsRemovalAreAnnouncedToPlayersWithTheNotifyPermission() {
        startDefault();
        JsonObject call = new JsonObject();
        call.addProperty("callId", 1234);
        call.addProperty("isEmergency", true);
        call.addProperty("caller", "John Doe");
        call.addProperty("location", "1234 E Hawick Ave");
        call.addProperty("description", "Shots fired");
        JsonObject item = new JsonObject();
        item.add("call", call);
        JsonArray data = new JsonArray();
        data.add(item);
        hub.push("EVENT_911", data);
        plugin.eventually(says(staff, "[CAD] 911 call #1234 from John Doe at 1234 E Hawick Ave: Shots fired"));

        JsonObject removed = new JsonObject();
        JsonArray ids = new JsonArray();
        ids.add(1234);
        ids.add(5678);
        removed.add("callIds", ids);
        JsonArray removedData = new JsonArray();
        removedData.add(removed);
        hub.push("EVENT_REMOVE_911", removedData);
        plugin.eventually(says(staff, "[CAD] 911 call(s) removed: #1234, #5678"));
        assertThat(olivia.messages()).isEmpty();
        assertThat(sam.messages()).isEmpty();
    }

    @Test
    void eachNotificationTypeHasItsOwnSwitch() {
        start("live.notify.new-call", false, "live.notify.emergency-911", false);
        hub.push("EVENT_DISPATCH_NEW", dispatch(45, "Quiet", "Nowhere").get("data"));
        JsonObject removed = new JsonObject();
        JsonArray ids = new JsonArray();
        ids.add(9);
        removed.add("callIds", ids);
        hub.push("EVENT_REMOVE_911", removed);
        plugin.eventually(says(staff, "[CAD] 911 call(s) removed: #9"));
        assertThat(staff.messages()).noneMatch(line -> line.contains("New call"));
    }

    @Test
    void aPanicOfAnotherUnitAlertsStaffAndOnDutyPlayersButNotThePanickingPlayer() {
        startDefault();
        FakePlayer bob = plugin.h.player("Bob");
        plugin.h.join(bob);
        JsonObject login = new JsonObject();
        JsonObject unit = new JsonObject();
        unit.addProperty("id", 501);
        unit.addProperty("accId", "acc-bob");
        unit.addProperty("status", 2);
        JsonObject unitData = new JsonObject();
        unitData.addProperty("unitNum", "B-20");
        unitData.addProperty("communityUserId", bob.uniqueId().toString());
        unit.add("data", unitData);
        login.add("unit", unit);
        hub.push("EVENT_UNIT_LOGIN", login);
        plugin.eventually(() -> plugin.h.core.liveStatus().units() == 2);

        JsonObject panic = new JsonObject();
        JsonArray idents = new JsonArray();
        idents.add(501);
        panic.add("identIds", idents);
        panic.addProperty("isPanic", true);
        hub.push("EVENT_UNIT_PANIC", panic);
        plugin.eventually(says(olivia, "[CAD] PANIC B-20 pressed the panic button."));
        plugin.eventually(says(staff, "[CAD] PANIC B-20 pressed the panic button."));
        assertThat(bob.messages()).isEmpty();
        assertThat(sam.messages()).as("neither staff nor on duty").isEmpty();
    }

    @Test
    void anEventWithAnotherKeyIsDroppedAndCountedNeverActedOn() {
        startDefault();
        hub.push(FakeHub.event("some-other-key", "EVENT_DISPATCH_UNIT_ATTACH", attach(42, oliviaIdent)));
        hub.push(FakeHub.event(null, "EVENT_DISPATCH_UNIT_ATTACH", attach(42, oliviaIdent)));
        plugin.eventually(() -> plugin.h.core.liveStatus().wrongKey() == 2);
        hub.push("EVENT_UNIT_ATTACH", attach(8, oliviaIdent)); // the right key, afterwards
        plugin.eventually(says(olivia, "[CAD] Dispatch attached you (A-10) to call #8."));
        assertThat(olivia.messages()).hasSize(1);
        assertThat(plugin.h.core.liveStatus().eventsReceived()).isEqualTo(1);
    }

    @Test
    void anEventForAUnitThatIsNotOnThisServerIsIgnoredQuietly() {
        startDefault();
        hub.push("EVENT_DISPATCH_UNIT_ATTACH", attach(42, 987654));
        hub.push("EVENT_UNIT_ATTACH", attach(9, oliviaIdent));
        plugin.eventually(says(olivia, "[CAD] Dispatch attached you (A-10) to call #9."));
        assertThat(olivia.messages()).hasSize(1);
        assertThat(sam.messages()).isEmpty();
        assertThat(plugin.h.platform.logText()).doesNotContain("987654");
    }

    @Test
    void theUnitsAreSeededOnceAtConnectFromTheActiveUnitsRoute() {
        startDefault();
        assertThat(plugin.cad.requestsTo(SandboxEndpoint.V2_UNITS)).hasSize(1);
        hub.push("EVENT_UNIT_ATTACH", attach(10, oliviaIdent));
        hub.push("EVENT_UNIT_ATTACH", attach(11, oliviaIdent));
        plugin.eventually(says(olivia, "[CAD] Dispatch attached you (A-10) to call #11."));
        assertThat(plugin.cad.requestsTo(SandboxEndpoint.V2_UNITS)).as("once per connection, not per event").hasSize(1);
    }

    @Test
    void aUnitLogoutTakesItOutOfTheCache() {
        startDefault();
        JsonObject logout = new JsonObject();
        logout.addProperty("identId", oliviaIdent);
        JsonArray data = new JsonArray();
        data.add(logout);
        hub.push("EVENT_UNIT_LOGOUT", data);
        plugin.eventually(() -> plugin.h.core.liveStatus().units() == 0);
        hub.push("EVENT_UNIT_ATTACH", attach(12, oliviaIdent));
        plugin.eventually(() -> plugin.h.core.liveStatus().eventsReceived() == 2);
        plugin.h.platform.runMainTasks();
        assertThat(olivia.messages()).isEmpty();
    }

    @Test
    void theLinkVerifiedEventFinishesTheLinkAtOnceWithNoFurtherPolls() {
        startDefault();
        String cadId = sam.uniqueId().toString();
        plugin.h.run(sam, "link");
        plugin.eventually(() -> plugin.cad.liveLinkCode(cadId).isPresent());
        String code = plugin.cad.liveLinkCode(cadId).orElseThrow();
        plugin.eventually(() -> sam.messages().stream().anyMatch(line -> line.contains("code " + code)));
        int checksBefore = plugin.cad.requestsTo(SandboxEndpoint.V2_LINK_CHECK).size();

        plugin.cad.enterLinkCode(code, "account-of-sam");
        JsonObject verified = new JsonObject();
        verified.addProperty("communityUserId", cadId);
        verified.addProperty("accountUuid", "account-of-sam");
        hub.push("EVENT_COMMUNITY_LINK_VERIFIED", verified);

        plugin.eventually(says(sam, "[CAD] Your account is now linked to the CAD."));
        plugin.h.platform.advance(Duration.ofSeconds(30)); // three poll intervals
        plugin.h.platform.runMainTasks();
        assertThat(plugin.cad.requestsTo(SandboxEndpoint.V2_LINK_CHECK)).hasSize(checksBefore);
        assertThat(sam.messages().stream().filter(line -> line.contains("now linked"))).hasSize(1);
    }

    @Test
    void theDoctorSaysTheSessionIsConnectedOrThatTheCadRefusedIt() {
        startDefault();
        plugin.h.run(plugin.h.console, "doctor");
        plugin.eventually(() -> plugin.h.console.messages().stream().anyMatch(line -> line.contains("Live session:")));
        assertThat(plugin.h.console.messages()).anyMatch(line -> line.startsWith("✔ Live session: connected and authenticated for "));
    }

    @Test
    void theDoctorNamesARefusedSessionAndWhatToCheck() {
        plugin.start(ApiGeneration.V2, "sonoran.community-id", "not-our-community");
        plugin.eventually(() -> plugin.h.core.liveStatus().state() == LiveStatus.State.REFUSED);
        plugin.h.run(plugin.h.console, "doctor");
        plugin.eventually(() -> plugin.h.console.messages().stream().anyMatch(line -> line.contains("Live session:")));
        assertThat(plugin.h.console.messages()).contains("✘ Live session: the CAD refused the live session: Invalid community ID."
                + " → check sonoran.api-key, sonoran.community-id and sonoran.server-id, then /cad reload");
        assertThat(String.join("\n", plugin.h.console.messages())).doesNotContain(plugin.cad.apiKey());
    }

    @Test
    void aRefusedSessionIsReportedOnceInABoxAndTriedAgainOnlyAfterReload() {
        olivia = plugin.h.player("Olivia");
        plugin.start(ApiGeneration.V2, "sonoran.community-id", "not-our-community");
        plugin.eventually(() -> plugin.h.core.liveStatus().state() == LiveStatus.State.REFUSED);
        plugin.h.platform.advance(Duration.ofMinutes(5));
        plugin.h.platform.runMainTasks();

        assertThat(hub.connections()).as("not retried").isEqualTo(1);
        String log = plugin.h.platform.logText();
        assertThat(log).contains("| Sonoran CAD refused CadBridge's credentials: the live session was refused: Invalid community ID.");
        assertThat(log.split("live session was refused", -1)).as("reported once").hasSize(2);
        assertThat(log).doesNotContain(plugin.cad.apiKey());
        plugin.h.run(plugin.h.console, "status");
        plugin.eventually(() -> plugin.h.console.messages().stream().anyMatch(line -> line.startsWith("Live: ")));
        assertThat(plugin.h.console.messages()).contains("Live: the CAD refused the live session: Invalid community ID."
                + " → check sonoran.api-key, sonoran.community-id and sonoran.server-id, then /cad reload");

        plugin.h.run(plugin.h.console, "reload"); // nothing changed: the refused session is tried once more
        plugin.eventually(() -> hub.connections() == 2 && plugin.h.core.liveStatus().state() == LiveStatus.State.REFUSED);

        plugin.h.configure("sonoran.api-generation", "v2", "sonoran.base-url", plugin.cad.baseUrl(),
                "sonoran.community-id", plugin.cad.communityId(), "sonoran.api-key", plugin.cad.apiKey(), "live.enabled", true);
        plugin.h.run(plugin.h.console, "reload");
        plugin.eventually(() -> plugin.h.core.liveStatus().state() == LiveStatus.State.CONNECTED);
    }

    /**
     * 1,000 events within a second (500 new calls, 500 attaches of Olivia's unit) with 50 more
     * players online: every line that belongs to a player arrives, in order, and the server thread
     * only ever runs the small per-player message tasks. Figures in docs/RELIABILITY.md.
     */
    @Test
    void aStormOfAThousandEventsInASecondDropsNothingThatBelongsToAPlayer() {
        startDefault();
        for (int i = 0; i < 50; i++) {
            plugin.h.join(plugin.h.player("Bystander" + i));
        }
        List<com.google.gson.JsonElement> storm = new java.util.ArrayList<>();
        for (int i = 1; i <= 500; i++) {
            storm.add(FakeHub.event(plugin.cad.apiKey(), "EVENT_DISPATCH_NEW", dispatch(i, "Call " + i, "Street " + i).get("data")));
            storm.add(FakeHub.event(plugin.cad.apiKey(), "EVENT_DISPATCH_UNIT_ATTACH", attach(i, oliviaIdent)));
        }
        long started = System.nanoTime();
        for (int from = 0; from < storm.size(); from += 50) {
            hub.pushAll(storm.subList(from, from + 50));
        }
        long mainThreadNanos = 0;
        long longestRun = 0;
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while ((olivia.messages().size() < 500 || staff.messages().size() < 500) && System.nanoTime() < deadline) {
            long before = System.nanoTime();
            plugin.h.platform.runMainTasks();
            long ran = System.nanoTime() - before;
            mainThreadNanos += ran;
            longestRun = Math.max(longestRun, ran);
            Thread.onSpinWait();
        }
        long handled = System.nanoTime() - started;
        System.out.printf("storm: 1000 events handled and told in %d ms; server thread busy %d ms in all, longest run of queued tasks %.2f ms%n",
                handled / 1_000_000, mainThreadNanos / 1_000_000, longestRun / 1e6);

        assertThat(plugin.h.core.liveStatus().eventsReceived()).isEqualTo(1000);
        assertThat(olivia.messages()).hasSize(500);
        assertThat(staff.messages()).hasSize(500);
        for (int i = 1; i <= 500; i++) {
            assertThat(olivia.messages().get(i - 1)).isEqualTo("[CAD] Dispatch attached you (A-10) to call #" + i + ": Call " + i + " at Street " + i + ".");
            assertThat(staff.messages().get(i - 1)).isEqualTo("[CAD] New call #" + i + ": Call " + i + " at Street " + i + ".");
        }
        assertThat(sam.messages()).isEmpty();
        assertThat(handled).as("within the second the storm took to arrive, give or take").isLessThan(Duration.ofSeconds(5).toNanos());
    }

    @Test
    void statusShowsTheSession() {
        startDefault();
        hub.push("EVENT_UNIT_ATTACH", attach(13, oliviaIdent));
        plugin.eventually(says(olivia, "[CAD] Dispatch attached you (A-10) to call #13."));
        plugin.h.clock.advance(Duration.ofSeconds(12));
        plugin.h.run(plugin.h.console, "status");
        plugin.eventually(() -> plugin.h.console.messages().stream().anyMatch(line -> line.startsWith("Live: connected since")));
        assertThat(plugin.h.console.messages()).anyMatch(line -> line.matches(
                "Live: connected since 12 s ago; last event 12 s ago, 1 event, 0 reconnects, 1 unit known"));
    }
}
