package dev.cadbridge.command;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cadbridge.sonoran.CallOrigin;
import dev.cadbridge.sonoran.CallStatus;
import dev.cadbridge.sonoran.NewDispatch;
import dev.cadbridge.testing.FakePlayer;
import dev.cadbridge.testing.Harness;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DispatchCommandTest {
    private Harness h;
    private FakePlayer officer;
    private FakePlayer alex;

    @BeforeEach
    void start() {
        h = new Harness().start();
        officer = h.join(h.staff("Officer").at(120, 70, -35));
        alex = h.join(h.player("Alex"));
    }

    private NewDispatch sent() {
        assertThat(h.cad.received()).hasSize(1);
        return (NewDispatch) h.cad.received().get(0);
    }

    @Test
    void defaultsFillEverythingButTheTitleAndTheAnswerNamesTheNewCall() {
        h.run(officer, "dispatch Traffic Stop");

        NewDispatch call = sent();
        assertThat(call.title()).isEqualTo("Traffic Stop");
        assertThat(call.origin()).isEqualTo(CallOrigin.CALLER);
        assertThat(call.status()).isEqualTo(CallStatus.PENDING);
        assertThat(call.priority()).isEqualTo(2);
        assertThat(call.address()).isEqualTo("120, -35");
        assertThat(call.units()).containsExactly(officer.uniqueId().toString());
        assertThat(officer.lastMessage()).isEqualTo("[CAD] Created call #1001: Traffic Stop");
    }

    @Test
    void everyFlagIsApplied() {
        h.run(officer, "dispatch \"Shots fired\" --code 10-71 --priority 1 --address \"Main St 4\" --postal 301"
                + " --desc \"two suspects, one vehicle\" --units Alex,Officer --origin radio --status active");

        NewDispatch call = sent();
        assertThat(call.title()).isEqualTo("Shots fired");
        assertThat(call.code()).isEqualTo("10-71");
        assertThat(call.priority()).isEqualTo(1);
        assertThat(call.address()).isEqualTo("Main St 4");
        assertThat(call.postal()).isEqualTo("301");
        assertThat(call.description()).isEqualTo("two suspects, one vehicle");
        assertThat(call.units()).containsExactly(alex.uniqueId().toString(), officer.uniqueId().toString());
        assertThat(call.origin()).isEqualTo(CallOrigin.RADIO);
        assertThat(call.status()).isEqualTo(CallStatus.ACTIVE);
    }

    @Test
    void flagsAlsoWorkWithEqualsSignsAndInAnyOrder() {
        h.run(officer, "dispatch --priority=3 Welfare check --origin=walkup");
        NewDispatch call = sent();
        assertThat(call.title()).isEqualTo("Welfare check");
        assertThat(call.priority()).isEqualTo(3);
        assertThat(call.origin()).isEqualTo(CallOrigin.WALK_UP);
    }

    @Test
    void fromTheConsoleTheCallHasNoUnitsAndNoAddressUnlessGiven() {
        h.run(h.console, "dispatch Alarm");
        NewDispatch call = sent();
        assertThat(call.units()).isEmpty();
        assertThat(call.address()).isEmpty();
    }

    @Test
    void eachKindOfBadInputIsNamedAndNothingIsSent() {
        List<String[]> cases = List.of(
                new String[] {"dispatch", "[CAD] Usage: /cad dispatch <title>"},
                new String[] {"dispatch --code 10-11", "[CAD] Usage: /cad dispatch <title>"},
                new String[] {"dispatch Stop --priority 4", "[CAD] Not sent: --priority \"4\" is not 1, 2 or 3"},
                new String[] {"dispatch Stop --priority high", "[CAD] Not sent: --priority \"high\" is not 1, 2 or 3"},
                new String[] {"dispatch Stop --origin phone", "[CAD] Not sent: --origin \"phone\" is not one of caller, radio, observed, walkup"},
                new String[] {"dispatch Stop --status closed", "[CAD] Not sent: --status \"closed\" is not one of pending, active"},
                new String[] {"dispatch Stop --colour red", "[CAD] Not sent: --colour is not a dispatch option"},
                new String[] {"dispatch Stop --code", "[CAD] Not sent: --code needs a value"},
                new String[] {"dispatch Stop --code 1 --code 2", "[CAD] Not sent: --code is given twice"},
                new String[] {"dispatch Stop --units Alex,Ghost", "[CAD] No online player is named Ghost."},
                new String[] {"dispatch Stop --units ,", "[CAD] Not sent: --units needs at least one player name"},
                new String[] {"dispatch \"Stop", "[CAD] Not sent: a quote (\") is opened but never closed"},
                new String[] {"dispatch " + "T".repeat(129), "[CAD] Not sent: title: is 129 characters long; the limit is 128"},
                new String[] {"dispatch Stop --postal 12345678901234567", "[CAD] Not sent: postal: is 17 characters long; the limit is 16"});
        for (String[] c : cases) {
            h.run(officer, c[0]);
            assertThat(officer.lastMessage()).as(c[0]).startsWith(c[1]);
        }
        assertThat(h.cad.received()).isEmpty();
    }

    @Test
    void playersWithoutTheDispatchPermissionAreRefused() {
        h.run(alex, "dispatch Robbery");
        assertThat(alex.lastMessage()).isEqualTo("[CAD] You do not have permission to do that.");
        assertThat(h.cad.received()).isEmpty();
    }

    @Test
    void completionOffersUnusedFlagsEnumValuesAndUnitNames() {
        assertThat(h.complete(officer, "dispatch Stop --p")).containsExactly("--postal", "--priority");
        assertThat(h.complete(officer, "dispatch Stop --priority 2 --p")).containsExactly("--postal");
        assertThat(h.complete(officer, "dispatch Stop --priority ")).containsExactly("1", "2", "3");
        assertThat(h.complete(officer, "dispatch Stop --origin ")).containsExactly("caller", "observed", "radio", "walkup");
        assertThat(h.complete(officer, "dispatch Stop --status a")).containsExactly("active");
        assertThat(h.complete(officer, "dispatch Stop --units Alex,O")).containsExactly("Alex,Officer");
        assertThat(h.complete(officer, "dispatch Sto")).isEmpty();
        assertThat(h.complete(alex, "dispatch --")).isEmpty();
    }
}
