package dev.cadbridge.sonoran;

import com.google.gson.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import okhttp3.Request;

/**
 * A citizen's 911 call, as dispatchers see it: who calls, from where, what is happening, and the
 * caller's block in {@code metaData} (x, y, z) for the live map. {@code emergency} false is a
 * non-emergency (311) call on the same route. Not idempotent: it is never stored for a later start
 * and never sent twice; one that may have reached the CAD ends OutcomeUnknown.
 */
public record Emergency911(String caller, String location, String description, Map<String, String> metaData, boolean emergency)
        implements CadOperation {

    static final V2Codec V2 = new V2Codec() {
        @Override
        public Request request(Requests to, List<CadOperation> operations) {
            Emergency911 call = (Emergency911) WireSupport.single(operations);
            JsonObject body = new JsonObject();
            body.addProperty("isEmergency", call.emergency());
            body.addProperty("caller", call.caller());
            body.addProperty("location", call.location());
            body.addProperty("description", call.description());
            if (!call.metaData().isEmpty()) {
                JsonObject meta = new JsonObject();
                call.metaData().forEach(meta::addProperty);
                body.add("metaData", meta);
            }
            return to.send("POST", "v2/emergency/servers/{serverId}/calls/911", body);
        }

        @Override
        public WireOutcome answer(List<CadOperation> operations, WireResponse response, Instant now) {
            return WireSupport.createdCallAnswer(response, "call number", "calling");
        }
    };

    /** An emergency (911) call. */
    public Emergency911(String caller, String location, String description, Map<String, String> metaData) {
        this(caller, location, description, metaData, true);
    }

    public Emergency911 {
        caller = OperationLimits.requiredText("caller", caller, OperationLimits.MAX_TITLE_LENGTH);
        location = OperationLimits.requiredText("location", location, OperationLimits.MAX_ADDRESS_LENGTH);
        description = OperationLimits.requiredText("description", description, OperationLimits.MAX_DESCRIPTION_LENGTH);
        metaData = NewDispatch.validMetaData(metaData);
    }

    @Override
    public OperationType type() {
        return OperationType.EMERGENCY_911;
    }

    /** A new call names no existing unit or call. */
    @Override
    public List<String> targets() {
        return List.of();
    }
}
