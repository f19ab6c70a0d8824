package dev.cadbridge.sonoran;

import java.util.List;

/** Detach units from whatever call they are on. */
public record DetachUnits(List<String> unitIds) implements CadOperation, UnitSetOperation {
    public DetachUnits {
        unitIds = OperationLimits.unitIds("units", unitIds, false);
    }

    @Override
    public OperationType type() {
        return OperationType.DETACH;
    }

    @Override
    public List<String> targets() {
        return Targets.of(List.of(), unitIds);
    }

    /** A detach takes units off whatever call they are on, so all detaches merge. */
    @Override
    public Object mergeKey() {
        return OperationType.DETACH;
    }

    @Override
    public DetachUnits withUnits(List<String> units) {
        return new DetachUnits(units);
    }
}
