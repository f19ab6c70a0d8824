package dev.cadbridge.sonoran;

import java.util.List;

/** Send a unit back to the CAD's community menu, with a reason the unit sees. */
public record KickUnit(String unitId, String reason) implements CadOperation {
    public KickUnit {
        unitId = OperationLimits.unitId("unit", unitId);
        reason = OperationLimits.requiredText("reason", reason, OperationLimits.MAX_REASON_LENGTH);
    }

    @Override
    public OperationType type() {
        return OperationType.KICK;
    }

    @Override
    public List<String> targets() {
        return Targets.of(List.of(), List.of(unitId));
    }
}
