package dev.cadbridge.sonoran;

import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import okhttp3.Request;

/**
 * Removes a 911 call ({@code DELETE .../calls/911/{callId}}, v2): staff clearing a prank or a
 * duplicate. Removing it twice changes nothing, so it may be sent again; not kept over a restart.
 */
public record Remove911(long callId) implements CadOperation {

    static final V2Codec V2 = new V2Codec() {
        @Override
        public Request request(Requests to, List<CadOperation> operations) {
            Remove911 remove = (Remove911) WireSupport.single(operations);
            return to.send("DELETE", "v2/emergency/servers/{serverId}/calls/911/" + remove.callId(), null);
        }

        @Override
        public WireOutcome answer(List<CadOperation> operations, WireResponse response, Instant now) {
            return new WireOutcome.Answered(List.of(new CadResult.Delivered(OptionalLong.of(((Remove911) operations.get(0)).callId()))));
        }
    };

    public Remove911 {
        callId = OperationLimits.callId("callId", callId);
    }

    @Override
    public OperationType type() {
        return OperationType.REMOVE_911;
    }

    @Override
    public List<String> targets() {
        return Targets.of(List.of(callId), List.of());
    }
}
