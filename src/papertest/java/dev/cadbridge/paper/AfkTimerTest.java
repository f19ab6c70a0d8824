package dev.cadbridge.paper;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cadbridge.sandbox.SandboxEvent;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.bukkit.Location;
import org.bukkit.block.BlockFace;
import org.bukkit.event.EventHandler;
import org.bukkit.event.Listener;
import org.bukkit.event.block.Action;
import org.bukkit.event.player.PlayerInteractEvent;
import org.bukkit.event.player.PlayerMoveEvent;
import org.bukkit.inventory.EquipmentSlot;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockbukkit.mockbukkit.MockBukkit;
import org.mockbukkit.mockbukkit.plugin.PluginMock;

/**
 * The AFK timer on the server's global region timer, fed by real Bukkit events, with the suite's
 * 2-minute timeout and 30-second warning; the kick goes to the sandbox CAD.
 */
class AfkTimerTest extends PaperServerTest {
    private static final String WARNING = "[CAD] You seem to be away. Move within 30 seconds or you will be taken off your CAD unit.";
    private static final String KICKED = "[CAD] You were taken off your CAD unit for being away.";

    private PaperLikePlayer pat;
    private Inbox patSaid;

    @BeforeEach
    void startPlugin() {
        start("quit.action", "none");
        pat = join("Pat");
        patSaid = inbox(pat);
    }

    private void walkOneBlock(PaperLikePlayer player) {
        Location from = player.getLocation();
        Location to = from.clone().add(1, 0, 0);
        PlayerMoveEvent move = new PlayerMoveEvent(player, from, to);
        server.getPluginManager().callEvent(move);
        player.setLocation(to);
    }

    /** The kick reached the CAD and, once it confirmed, the player was told. */
    private void awaitKickDelivered() {
        tickUntil(() -> !cad.deliveredKicks().isEmpty() && patSaid.has(KICKED));
    }

    @Test
    void anAwayPlayerIsWarnedThenKickedOnceWithTheConfiguredReason() {
        advance(Duration.ofSeconds(89));
        assertThat(patSaid.lines()).isEmpty();
        advance(Duration.ofSeconds(2));
        assertThat(patSaid.lines()).containsExactly(WARNING);
        advance(Duration.ofSeconds(28));
        assertThat(cad.deliveredKicks()).isEmpty();

        advance(Duration.ofSeconds(2));
        awaitKickDelivered();
        assertThat(cad.deliveredKicks()).extracting(SandboxEvent.Kick::unitId, SandboxEvent.Kick::reason)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(pat.getUniqueId().toString(), "Automated AFK Timer"));
        assertThat(patSaid.lines()).containsExactly(WARNING, KICKED);

        advance(Duration.ofMinutes(5));
        assertThat(cad.deliveredKicks()).hasSize(1);
    }

    @Test
    void walkingIntoNewBlocksKeepsAPlayerOnTheirUnit() {
        for (int i = 0; i < 8; i++) {
            advance(Duration.ofSeconds(30));
            walkOneBlock(pat);
        }
        assertThat(patSaid.lines()).isEmpty();
        assertThat(cad.deliveredKicks()).isEmpty();
    }

    @Test
    void turningOnTheSpotIsNotActivity() {
        for (int i = 0; i < 5; i++) {
            advance(Duration.ofSeconds(30));
            Location from = pat.getLocation();
            Location turned = from.clone();
            turned.setYaw(from.getYaw() + 90);
            server.getPluginManager().callEvent(new PlayerMoveEvent(pat, from, turned));
        }
        awaitKickDelivered();
        assertThat(patSaid.lines()).containsExactly(WARNING, KICKED);
    }

    @Test
    void movingInWaterIsNotActivityBecauseCurrentsCarryPlayers() {
        pat.setInWater(true);
        for (int i = 0; i < 5; i++) {
            advance(Duration.ofSeconds(30));
            walkOneBlock(pat);
        }
        awaitKickDelivered();
        assertThat(cad.deliveredKicks()).hasSize(1);
    }

    @Test
    void chattingKeepsAPlayerOnTheirUnit() {
        for (int i = 0; i < 6; i++) {
            advance(Duration.ofSeconds(40));
            pat.chat("still here");
            server.getScheduler().waitAsyncEventsFinished();
        }
        assertThat(patSaid.lines()).isEmpty();
        assertThat(cad.deliveredKicks()).isEmpty();
    }

    @Test
    void runningCommandsKeepsAPlayerOnTheirUnit() {
        for (int i = 0; i < 6; i++) {
            advance(Duration.ofSeconds(40));
            pat.performCommand("cad help");
            patSaid.clear();
        }
        assertThat(cad.deliveredKicks()).isEmpty();
        assertThat(patSaid.lines()).isEmpty();
    }

    @Test
    void clickingKeepsAPlayerOnTheirUnitButStandingOnAPressurePlateDoesNot() {
        for (int i = 0; i < 6; i++) {
            advance(Duration.ofSeconds(40));
            server.getPluginManager().callEvent(new PlayerInteractEvent(pat, Action.RIGHT_CLICK_AIR, null, null,
                    BlockFace.SELF, EquipmentSlot.HAND));
        }
        assertThat(cad.deliveredKicks()).isEmpty();

        for (int i = 0; i < 6; i++) {
            advance(Duration.ofSeconds(30));
            server.getPluginManager().callEvent(new PlayerInteractEvent(pat, Action.PHYSICAL, null,
                    pat.getLocation().getBlock(), BlockFace.SELF, null));
        }
        awaitKickDelivered();
        assertThat(cad.deliveredKicks()).hasSize(1);
    }

    @Test
    void theExemptionPermissionKeepsAPlayerFromBeingWarnedOrKicked() {
        PaperLikePlayer chief = join("Chief");
        chief.addAttachment(plugin, "cadbridge.afk.exempt", true);
        Inbox chiefSaid = inbox(chief);
        advance(Duration.ofMinutes(3));
        awaitKickDelivered();
        assertThat(cad.deliveredKicks()).extracting(SandboxEvent.Kick::unitId).containsExactly(pat.getUniqueId().toString());
        assertThat(chiefSaid.lines()).isEmpty();
    }

    @Test
    void paperSeeingActivityThatCadBridgeDidNotAlsoKeepsAPlayerOnTheirUnit() {
        pat.serverIdle(Duration.ofSeconds(5));
        advance(Duration.ofMinutes(4));
        assertThat(patSaid.lines()).isEmpty();
        assertThat(cad.deliveredKicks()).isEmpty();
    }

    @Test
    void activityAfterAKickStartsANewAwayPeriod() {
        advance(Duration.ofSeconds(121));
        awaitKickDelivered();
        walkOneBlock(pat);
        advance(Duration.ofSeconds(125));
        // The sandbox records the kick before its answer reaches the plugin and the player is told.
        tickUntil(() -> cad.deliveredKicks().size() == 2 && patSaid.lines().size() == 4);
        assertThat(patSaid.lines()).containsExactly(WARNING, KICKED, WARNING, KICKED);
    }

    /** A listener of another plugin, as server owners write them. */
    public static final class TeaBreakListener implements Listener {
        final List<String> seen = new CopyOnWriteArrayList<>();
        private final String newReason;

        TeaBreakListener(String newReason) {
            this.newReason = newReason;
        }

        @EventHandler
        public void onAfkKick(CadAfkKickEvent event) {
            seen.add(event.getPlayer().getName() + " idle " + event.getIdleDuration().toSeconds() + "s: " + event.getReason());
            if (newReason == null) {
                event.setCancelled(true);
            } else {
                event.setReason(newReason);
            }
        }
    }

    @Test
    void anotherPluginCanVetoTheKick() {
        PluginMock other = MockBukkit.createMockPlugin("TeaBreak");
        TeaBreakListener veto = new TeaBreakListener(null);
        server.getPluginManager().registerEvents(veto, other);
        advance(Duration.ofSeconds(121));
        assertThat(veto.seen).hasSize(1);
        assertThat(veto.seen.get(0)).matches("Pat idle 1[12]\\ds: Automated AFK Timer");
        advance(Duration.ofMinutes(3));
        assertThat(cad.deliveredKicks()).isEmpty();
        assertThat(patSaid.lines()).containsExactly(WARNING);
    }

    @Test
    void anotherPluginCanChangeTheReason() {
        PluginMock other = MockBukkit.createMockPlugin("TeaBreak");
        server.getPluginManager().registerEvents(new TeaBreakListener("Went to make tea"), other);
        advance(Duration.ofSeconds(121));
        awaitKickDelivered();
        assertThat(cad.deliveredKicks()).extracting(SandboxEvent.Kick::reason).containsExactly("Went to make tea");
    }
}
