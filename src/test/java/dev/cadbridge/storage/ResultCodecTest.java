package dev.cadbridge.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cadbridge.sonoran.ActiveCall;
import dev.cadbridge.sonoran.ActiveUnit;
import dev.cadbridge.sonoran.CadLinks;
import dev.cadbridge.sonoran.CadResult;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** In network mode an attach's outcome comes back through the database: the unit's identifier must survive it. */
class ResultCodecTest {

    @Test
    void aDeliveredAttachKeepsTheIdentifierOfItsUnitBetweenServers() {
        CadResult attached = new CadResult.Delivered(OptionalLong.empty(), Map.of("6f1c-sam", 42L));
        assertThat(ResultCodec.fromJson(ResultCodec.toJson(attached))).isEqualTo(attached);
    }

    /** A link request or a query asked on one server and answered through another: the answer crosses intact. */
    @Test
    void theAnswersOfLinkRequestsAndQueriesCrossBetweenServersIntact() {
        List<CadResult> answers = List.of(
                new CadResult.Replied(new CadLinks.LinkCode("AB12", "https://sonorancad.com/id?code=AB12", Instant.parse("2026-11-29T16:40:00Z"))),
                new CadResult.Replied(new CadLinks.LinkCheck(true, "account-1")),
                new CadResult.Replied(new CadLinks.LinkCheck(false, null)),
                new CadResult.Replied(List.of(new ActiveUnit(77, "acc", "6f1c-sam", "A-10", "Sam", "LSPD", 2, true, "Main St", false))),
                new CadResult.Replied(List.of(new ActiveCall(42, ActiveCall.Kind.DISPATCH_CALL, "Traffic Stop", "Main St", "101", "10-38",
                        "Blue sedan", "", true, 2, 1, List.of(77L), Instant.parse("2026-11-29T16:30:00Z")),
                        new ActiveCall(43, ActiveCall.Kind.EMERGENCY_CALL, "", "Spawn", "", "", "Help", "Alex", true, 0, -1, List.of(), null))),
                new CadResult.Replied(List.of()));
        for (CadResult answer : answers) {
            assertThat(ResultCodec.fromJson(ResultCodec.toJson(answer))).isEqualTo(answer);
        }
    }

    @Test
    void anOutcomeStoredWithoutIdentifiersReadsAsDeliveredWithNone() {
        assertThat(ResultCodec.fromJson("{\"kind\":\"delivered\",\"callId\":7}"))
                .isEqualTo(new CadResult.Delivered(OptionalLong.of(7)));
    }
}
