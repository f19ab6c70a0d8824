package dev.cadbridge.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cadbridge.sonoran.CadOperation;
import org.junit.jupiter.api.Test;

class OperationCodecTest {
    private final OperationCodec codec = new OperationCodec();

    @Test
    void everyOperationComesBackEqual() {
        for (CadOperation operation : SampleOperations.oneOfEach()) {
            assertThat(codec.fromJson(operation.type().name(), codec.toJson(operation))).isEqualTo(operation);
        }
    }

    @Test
    void aStoredRowThatIsNoLongerValidIsRefusedNamingTheField() {
        assertThatThrownBy(() -> codec.fromJson("NEW_DISPATCH", "{\"origin\":\"CALLER\",\"status\":\"ACTIVE\",\"priority\":7,\"title\":\"x\"}"))
                .isInstanceOf(OperationCodec.UnreadableOperationException.class)
                .hasMessageContaining("priority: 7 is out of range");
        assertThatThrownBy(() -> codec.fromJson("TELEPORT", "{}")).hasMessage("unknown operation type 'TELEPORT'");
        assertThatThrownBy(() -> codec.fromJson("CLOSE", "not json")).hasMessageStartingWith("CLOSE payload is not a valid operation");
    }
}
