package dev.cadbridge.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cadbridge.command.Permissions;
import dev.cadbridge.sonoran.AttachUnits;
import dev.cadbridge.sonoran.NewDispatch;
import dev.cadbridge.testing.FakePlayer;
import dev.cadbridge.testing.Harness;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a player might try against others: taking their CAD identity, flooding the CAD with commands. */
class AbuseTest {
    private static final String NO_PERMISSION = "[CAD] You do not have permission to do that.";

    private static Harness v1() {
        return new Harness().configure("sonoran.api-generation", "v1", "sonoran.community-id", "community-1").start();
    }

    private static String cadIdOf(Harness h, FakePlayer player) {
        h.console.clearMessages();
        h.run(h.console, "whois " + player.name());
        return h.console.lastMessage();
    }

    @Test
    void aPlayerCannotPutTheirCadAccountOnAnotherPlayer() {
        Harness h = new Harness().start();
        FakePlayer alex = h.join(h.player("Alex"));
        FakePlayer sam = h.join(h.player("Sam"));
        String samBefore = cadIdOf(h, sam);

        h.run(alex, "link Sam alex-cad-account");
        assertThat(alex.lastMessage()).isEqualTo(NO_PERMISSION);
        h.run(alex, "link Sam");
        assertThat(alex.lastMessage()).startsWith("[CAD] Usage: /cad link");

        assertThat(cadIdOf(h, sam)).isEqualTo(samBefore).contains("(default)");
        h.run(sam, "attach 5");
        assertThat(h.cad.received()).containsExactly(new AttachUnits(5, List.of(sam.uniqueId().toString())));
    }

    @Test
    void withTheStaffPermissionTheSameCommandDoesBindIt() {
        Harness h = new Harness().start();
        FakePlayer staff = h.join(h.player("Alex").grant(Permissions.STAFF_LINK));
        FakePlayer sam = h.join(h.player("Sam"));

        h.run(staff, "link Sam cad-sam");

        assertThat(staff.lastMessage()).isEqualTo("[CAD] Sam's CAD id is now cad-sam.");
        assertThat(cadIdOf(h, sam)).contains("cad-sam").contains("(staff)");
    }

    @Test
    void onV1APlayerCannotClaimAnIdAnotherPlayerHoldsOnlineOrOffline() {
        Harness h = v1();
        FakePlayer alex = h.join(h.player("Alex").grant(Permissions.LINK_OWN_API_ID));
        FakePlayer sam = h.join(h.player("Sam").grant(Permissions.LINK_OWN_API_ID));
        h.run(sam, "link unit-sam");
        assertThat(sam.lastMessage()).isEqualTo("[CAD] Your CAD API ID is now unit-sam.");

        h.run(alex, "link unit-sam");
        assertThat(alex.lastMessage()).contains("already belongs to Sam");
        h.quit(sam);
        h.run(alex, "link unit-sam");
        assertThat(alex.lastMessage()).as("stored ids are protected while their owner is away").contains("already belongs to");

        h.run(alex, "attach 5");
        assertThat(h.cad.received(AttachUnits.class)).containsExactly(new AttachUnits(5, List.of(alex.uniqueId().toString())));
    }

    @Test
    void onV1APlayerCannotClaimTheDefaultIdOfAPlayerWhoIsAway() {
        Harness h = v1();
        FakePlayer alex = h.join(h.player("Alex").grant(Permissions.LINK_OWN_API_ID));
        FakePlayer sam = new FakePlayer("Sam").grant(Permissions.USE_ATTACH);

        h.run(alex, "link " + sam.uniqueId());
        assertThat(alex.lastMessage()).isEqualTo("[CAD] The CAD id " + sam.uniqueId() + " already belongs to "
                + sam.uniqueId() + "; one CAD id cannot serve two players.");
        h.run(alex, "link " + sam.uniqueId().toString().toUpperCase(java.util.Locale.ROOT));
        assertThat(alex.lastMessage()).contains("already belongs to");

        h.join(sam);
        h.run(alex, "attach 5");
        assertThat(h.cad.received(AttachUnits.class)).as("Alex's attach must not move Sam's unit")
                .containsExactly(new AttachUnits(5, List.of(alex.uniqueId().toString())));
    }

    @Test
    void twentyDispatchCommandsInOneSecondSendOne() {
        Harness h = new Harness().start();
        FakePlayer spammer = h.join(h.player("Spammer").grant(Permissions.STAFF_DISPATCH));

        for (int i = 0; i < 20; i++) {
            h.run(spammer, "dispatch Robbery number " + i);
            h.platform.advance(Duration.ofMillis(50));
        }

        assertThat(h.cad.received()).hasSize(1);
        assertThat(h.cad.received(NewDispatch.class).get(0).title()).isEqualTo("Robbery number 0");
        assertThat(spammer.messages()).filteredOn(m -> m.startsWith("[CAD] Please wait")).hasSize(19)
                .allMatch(m -> m.matches("\\[CAD\\] Please wait [123]s before sending another CAD command\\."));
    }

    @Test
    void mixingSubcommandsDoesNotGetAroundTheCooldown() {
        Harness h = new Harness().start();
        FakePlayer spammer = h.join(h.staff("Spammer"));
        h.join(h.player("Sam"));
        List<String> lines = List.of("dispatch Robbery", "attach 5", "detach", "kick Sam spam", "close 5", "attach 6 Sam");

        for (int i = 0; i < 20; i++) {
            h.run(spammer, lines.get(i % lines.size()));
            h.platform.advance(Duration.ofMillis(50));
        }

        assertThat(h.cad.received()).hasSize(1);
    }

    @Test
    void twoSpammersGetOneEachAndAnotherPlayerIsNotHeldUp() {
        Harness h = new Harness().start();
        FakePlayer first = h.join(h.player("First").grant(Permissions.STAFF_DISPATCH));
        FakePlayer second = h.join(h.player("Second").grant(Permissions.STAFF_DISPATCH));
        FakePlayer bystander = h.join(h.player("Bystander"));

        for (int i = 0; i < 20; i++) {
            h.run(first, "dispatch A" + i);
            h.run(second, "dispatch B" + i);
            h.platform.advance(Duration.ofMillis(50));
        }
        h.run(bystander, "attach 7");

        assertThat(h.cad.received()).hasSize(3);
        assertThat(bystander.lastMessage()).doesNotStartWith("[CAD] Please wait");
    }
}
