package dev.cadbridge.sonoran;

/** Close a dispatch call. */
public record CloseCall(long callId) implements CadOperation {
    public CloseCall {
        callId = OperationLimits.callId("callId", callId);
    }

    @Override
    public OperationType type() {
        return OperationType.CLOSE;
    }
}
