package dev.cadbridge.sonoran;

import java.util.List;

/** Close a dispatch call. */
public record CloseCall(long callId) implements CadOperation {
    public CloseCall {
        callId = OperationLimits.callId("callId", callId);
    }

    @Override
    public OperationType type() {
        return OperationType.CLOSE;
    }

    @Override
    public List<String> targets() {
        return Targets.of(List.of(callId), List.of());
    }
}
