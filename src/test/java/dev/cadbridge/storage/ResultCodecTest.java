package dev.cadbridge.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cadbridge.sonoran.CadResult;
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

    @Test
    void anOutcomeStoredWithoutIdentifiersReadsAsDeliveredWithNone() {
        assertThat(ResultCodec.fromJson("{\"kind\":\"delivered\",\"callId\":7}"))
                .isEqualTo(new CadResult.Delivered(OptionalLong.of(7)));
    }
}
