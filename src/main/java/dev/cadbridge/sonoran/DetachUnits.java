package dev.cadbridge.sonoran;

import java.util.List;

/** Detach units from whatever call they are on. */
public record DetachUnits(List<String> unitIds) implements CadOperation {
    public DetachUnits {
        unitIds = OperationLimits.unitIds("units", unitIds, false);
    }

    @Override
    public OperationType type() {
        return OperationType.DETACH;
    }
}
