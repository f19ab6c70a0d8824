package dev.cadbridge.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The seed's list of active units is asked for at connect and may arrive after the first events:
 * whatever an event said meanwhile is newer and must survive the list, or a dispatcher's attach
 * would miss the player whose login came first.
 */
class UnitCacheTest {
    private final UUID olivia = UUID.randomUUID();
    private final UnitCache cache = new UnitCache(unit -> unit.communityUserId().equals(olivia.toString())
            ? Optional.of(olivia) : Optional.empty());

    private CadUnit unit(long ident, String userId, String callsign) {
        return new CadUnit(ident, "acc-" + ident, userId, callsign, "", -1);
    }

    @Test
    void aLoginHeardWhileTheSeedWasOnItsWayIsKeptWhenTheOlderListArrives() {
        cache.seedAsked();
        cache.loggedIn(unit(77, olivia.toString(), "A-10"));
        cache.seed(List.of(unit(5, "someone-else", "B-2")));

        assertThat(cache.unit(77)).map(CadUnit::unitNumber).contains("A-10");
        assertThat(cache.unit(5)).isPresent();
        assertThat(cache.onDuty()).containsOnlyKeys(olivia);
    }

    @Test
    void aLogoutHeardWhileTheSeedWasOnItsWayIsNotUndoneByTheList() {
        cache.seedAsked();
        cache.loggedIn(unit(77, olivia.toString(), "A-10"));
        cache.loggedOut(77);
        cache.seed(List.of(unit(77, olivia.toString(), "A-10")));

        assertThat(cache.unit(77)).isEmpty();
        assertThat(cache.onDuty()).isEmpty();
    }

    @Test
    void aStatusChangeHeardWhileTheSeedWasOnItsWayOutranksTheListedStatus() {
        cache.seedAsked();
        cache.seed(List.of(unit(77, olivia.toString(), "A-10")));
        cache.seedAsked();
        cache.statusChanged(77, 3);
        cache.seed(List.of(unit(77, olivia.toString(), "A-10")));

        assertThat(cache.unit(77)).map(CadUnit::status).contains(3);
    }

    @Test
    void aNewConnectionsSeedDropsUnitsThatLeftWhileDisconnected() {
        cache.seedAsked();
        cache.loggedIn(unit(77, olivia.toString(), "A-10"));
        cache.seed(List.of());

        cache.seedAsked();
        cache.seed(List.of(unit(5, "someone-else", "B-2")));

        assertThat(cache.all()).extracting(CadUnit::ident).containsExactly(5L);
        assertThat(cache.onDuty()).isEmpty();
    }
}
