package dev.cadbridge.sonoran;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OperationValidationTest {

    @Test
    void parsesCallIdsAsTyped() {
        assertThat(OperationLimits.parseCallId("callId", " 42 ")).isEqualTo(42L);
        assertThat(OperationLimits.parseCallId("callId", "9223372036854775807")).isEqualTo(Long.MAX_VALUE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-5", "abc", "4.2", "1e3", "", "   ", "9223372036854775808", "99999999999999999999"})
    void rejectsCallIdsThatAreNotPositive64BitNumbers(String text) {
        assertThatThrownBy(() -> OperationLimits.parseCallId("callId", text))
                .isInstanceOf(InvalidOperationException.class)
                .hasMessageStartingWith("callId: ");
    }

    @Test
    void callIdMessageNamesTheValue() {
        assertThatThrownBy(() -> OperationLimits.parseCallId("callId", "12x"))
                .hasMessageContaining("\"12x\"");
        assertThatThrownBy(() -> new CloseCall(-3)).hasMessage("callId: -3 must be a positive number");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "has space", "tab\there", "new\nline", "bell\u0007", "nbsp\u00A0x"})
    void rejectsBadUnitIds(String unit) {
        assertThatThrownBy(() -> new KickUnit(unit, "reason"))
                .isInstanceOf(InvalidOperationException.class)
                .extracting(e -> ((InvalidOperationException) e).field())
                .isEqualTo("unit");
    }

    @Test
    void unitIdsAreLimitedTo255Characters() {
        assertThat(new KickUnit("u".repeat(255), "r").unitId()).hasSize(255);
        assertThatThrownBy(() -> new KickUnit("u".repeat(256), "r")).hasMessageContaining("256 characters");
    }

    @Test
    void attachNeedsUnitsAndCollapsesDuplicatesInOrder() {
        AttachUnits attach = new AttachUnits(7, List.of("b", "a", "b"));
        assertThat(attach.unitIds()).containsExactly("b", "a");
        assertThatThrownBy(() -> new AttachUnits(7, List.of())).hasMessage("units: needs at least one unit");
        assertThatThrownBy(() -> new DetachUnits(List.of("ok", " "))).hasMessageStartingWith("units[1]: ");
    }

    @Test
    void operationsCopyTheirListsSoLaterChangesCannotBypassValidation() {
        List<String> units = new ArrayList<>(List.of("a"));
        DetachUnits detach = new DetachUnits(units);
        units.add("has space");
        assertThat(detach.unitIds()).containsExactly("a");
    }

    @Test
    void tooManyUnitsAreRejected() {
        List<String> many = new ArrayList<>();
        for (int i = 0; i <= OperationLimits.MAX_UNITS_PER_OPERATION; i++) {
            many.add("unit" + i);
        }
        assertThatThrownBy(() -> new DetachUnits(many)).hasMessageContaining("the limit is " + OperationLimits.MAX_UNITS_PER_OPERATION);
    }

    @Test
    void kickNeedsAReason() {
        assertThatThrownBy(() -> new KickUnit("abc", "  ")).hasMessage("reason: is blank");
        assertThatThrownBy(() -> new KickUnit("abc", "r".repeat(256))).hasMessageStartingWith("reason: is 256 characters long");
    }

    @Test
    void newDispatchChecksEveryField() {
        assertThatThrownBy(() -> dispatch(0, "Traffic Stop")).hasMessage("priority: 0 is out of range; use 1, 2 or 3");
        assertThatThrownBy(() -> dispatch(4, "Traffic Stop")).hasMessageStartingWith("priority: 4");
        assertThatThrownBy(() -> dispatch(1, " ")).hasMessage("title: is blank");
        assertThatThrownBy(() -> new NewDispatch(CallOrigin.CALLER, CallStatus.PENDING, 1, "t", "c", "", "addr\u0000", "", "", "", Map.of(), List.of()))
                .hasMessageStartingWith("address: contains a control character");
        assertThatThrownBy(() -> new NewDispatch(null, CallStatus.PENDING, 1, "t", "", "", "", "", "", "", Map.of(), List.of()))
                .hasMessage("origin: is missing");
    }

    @Test
    void newDispatchAllowsAnUnassignedCallAndMultilineDescription() {
        NewDispatch call = new NewDispatch(CallOrigin.OBSERVED, CallStatus.ACTIVE, 2, "Fire", null, null, null, null,
                "line one\nline two", null, null, null);
        assertThat(call.units()).isEmpty();
        assertThat(call.code()).isEmpty();
        assertThat(call.metaData()).isEmpty();
        assertThat(call.description()).contains("\n");
    }

    @Test
    void metaDataIsBounded() {
        Map<String, String> meta = new LinkedHashMap<>();
        for (int i = 0; i <= OperationLimits.MAX_METADATA_ENTRIES; i++) {
            meta.put("k" + i, "v");
        }
        assertThatThrownBy(() -> new NewDispatch(CallOrigin.CALLER, CallStatus.PENDING, 1, "t", "", "", "", "", "", "", meta, List.of()))
                .hasMessageStartingWith("metaData: ");
        assertThatThrownBy(() -> new NewDispatch(CallOrigin.CALLER, CallStatus.PENDING, 1, "t", "", "", "", "", "", "", Map.of(" ", "v"), List.of()))
                .hasMessage("metaData key: is blank");
    }

    private static NewDispatch dispatch(int priority, String title) {
        return new NewDispatch(CallOrigin.CALLER, CallStatus.PENDING, priority, title, "10-11", "", "", "", "", "", Map.of(), List.of("a"));
    }
}
