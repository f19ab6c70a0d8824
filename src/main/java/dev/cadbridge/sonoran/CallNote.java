package dev.cadbridge.sonoran;

import com.google.gson.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import okhttp3.Request;

/**
 * A text note on a dispatch call ({@code POST .../dispatch-calls/{callId}/notes}, v2), shown in the
 * CAD under {@code label} (who wrote it). Not idempotent: a note that may have reached the CAD is
 * never sent again, and it is not kept over a restart.
 */
public record CallNote(long callId, String note, String label) implements CadOperation {

    static final V2Codec V2 = new V2Codec() {
        @Override
        public Request request(Requests to, List<CadOperation> operations) {
            CallNote note = (CallNote) WireSupport.single(operations);
            JsonObject body = new JsonObject();
            body.addProperty("note", note.note());
            body.addProperty("noteType", "text");
            body.addProperty("label", note.label());
            return to.send("POST", "v2/emergency/servers/{serverId}/dispatch-calls/" + note.callId() + "/notes", body);
        }

        @Override
        public WireOutcome answer(List<CadOperation> operations, WireResponse response, Instant now) {
            return new WireOutcome.Answered(List.of(new CadResult.Delivered(OptionalLong.of(((CallNote) operations.get(0)).callId()))));
        }
    };

    public CallNote {
        callId = OperationLimits.callId("callId", callId);
        note = OperationLimits.requiredText("note", note, OperationLimits.MAX_NOTES_LENGTH);
        label = OperationLimits.requiredText("label", label, OperationLimits.MAX_TITLE_LENGTH);
    }

    @Override
    public OperationType type() {
        return OperationType.CALL_NOTE;
    }

    @Override
    public List<String> targets() {
        return Targets.of(List.of(callId), List.of());
    }
}
