package dev.cadbridge.sonoran;

import java.util.List;

/** Attach one or more units (CAD identities) to an existing call. */
public record AttachUnits(long callId, List<String> unitIds) implements CadOperation {
    public AttachUnits {
        callId = OperationLimits.callId("callId", callId);
        unitIds = OperationLimits.unitIds("units", unitIds, false);
    }

    @Override
    public OperationType type() {
        return OperationType.ATTACH;
    }
}
