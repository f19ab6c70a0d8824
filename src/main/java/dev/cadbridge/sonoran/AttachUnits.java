package dev.cadbridge.sonoran;

import java.util.List;

/** Attach one or more units (CAD identities) to an existing call. */
public record AttachUnits(long callId, List<String> unitIds) implements CadOperation, UnitSetOperation {
    public AttachUnits {
        callId = OperationLimits.callId("callId", callId);
        unitIds = OperationLimits.unitIds("units", unitIds, false);
    }

    @Override
    public OperationType type() {
        return OperationType.ATTACH;
    }

    @Override
    public List<String> targets() {
        return Targets.of(List.of(callId), unitIds);
    }

    @Override
    public Object mergeKey() {
        return callId;
    }

    @Override
    public AttachUnits withUnits(List<String> units) {
        return new AttachUnits(callId, units);
    }
}
