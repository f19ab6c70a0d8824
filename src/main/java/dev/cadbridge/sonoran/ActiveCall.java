package dev.cadbridge.sonoran;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * One open call the CAD lists for this server ({@code GET .../calls}, v2): a dispatch call from
 * {@code ActiveCalls} or a 911 call from {@code EmergencyCalls}. Text the answer leaves out is
 * empty, never null.
 *
 * @param callId      the call number (what /cad attach, /cad close and /cad note take)
 * @param kind        a dispatch call or a 911 call
 * @param title       the dispatch call's title; a 911 call has none
 * @param address     the dispatch call's address, or the 911 call's location
 * @param postal      {@code postal}
 * @param code        the dispatch call's code ("211")
 * @param description what the call is about
 * @param caller      a 911 call's caller; empty for a dispatch call
 * @param emergency   a 911 call's {@code isEmergency} (false for a non-emergency call); true for dispatch calls
 * @param priority    the dispatch call's priority (1-3); 0 for a 911 call
 * @param status      the dispatch call's CALL_STATUS (0 pending, 1 active); -1 for a 911 call
 * @param unitIds     the CAD identifier ids of the attached units ({@code idents}), as {@link ActiveUnit#id()}
 * @param updated     when the CAD last changed it; null when the answer does not say
 */
public record ActiveCall(long callId, Kind kind, String title, String address, String postal, String code,
                         String description, String caller, boolean emergency, int priority, int status,
                         List<Long> unitIds, Instant updated) {

    /** The CAD's two call tables (CALL_TABLE_TYPE). */
    public enum Kind {
        DISPATCH_CALL,
        EMERGENCY_CALL
    }

    public ActiveCall {
        title = orEmpty(title);
        address = orEmpty(address);
        postal = orEmpty(postal);
        code = orEmpty(code);
        description = orEmpty(description);
        caller = orEmpty(caller);
        unitIds = List.copyOf(unitIds);
    }

    /** An entry of {@code ActiveCalls}, or null when it has no numeric {@code callId}. */
    static ActiveCall readDispatchCall(JsonElement element) {
        JsonObject json = element != null && element.isJsonObject() ? element.getAsJsonObject() : null;
        Long callId = json == null ? null : AnswerFields.number(json, "callId");
        if (callId == null) {
            return null;
        }
        Long priority = AnswerFields.number(json, "priority");
        Long status = AnswerFields.number(json, "status");
        return new ActiveCall(callId, Kind.DISPATCH_CALL, AnswerFields.text(json, "title"), AnswerFields.text(json, "address"),
                AnswerFields.text(json, "postal"), AnswerFields.text(json, "code"), AnswerFields.text(json, "description"), "",
                true, priority == null ? 0 : priority.intValue(), status == null ? -1 : status.intValue(),
                idents(json), updated(json));
    }

    /** An entry of {@code EmergencyCalls}, or null when it has no numeric {@code callId}. */
    static ActiveCall readEmergencyCall(JsonElement element) {
        JsonObject json = element != null && element.isJsonObject() ? element.getAsJsonObject() : null;
        Long callId = json == null ? null : AnswerFields.number(json, "callId");
        if (callId == null) {
            return null;
        }
        JsonElement emergency = json.get("isEmergency");
        boolean isEmergency = emergency == null || !emergency.isJsonPrimitive() || !emergency.getAsJsonPrimitive().isBoolean()
                || emergency.getAsBoolean();
        return new ActiveCall(callId, Kind.EMERGENCY_CALL, "", AnswerFields.text(json, "location"),
                AnswerFields.text(AnswerFields.object(json, "metaData"), "postal"), "", AnswerFields.text(json, "description"),
                AnswerFields.text(json, "caller"), isEmergency, 0, -1, idents(json), updated(json));
    }

    private static List<Long> idents(JsonObject json) {
        List<Long> ids = new ArrayList<>();
        JsonElement idents = json.get("idents");
        if (idents != null && idents.isJsonArray()) {
            for (JsonElement ident : idents.getAsJsonArray()) {
                if (ident.isJsonPrimitive() && ident.getAsJsonPrimitive().isNumber()) {
                    ids.add(ident.getAsLong());
                }
            }
        }
        return ids;
    }

    private static Instant updated(JsonObject json) {
        String text = AnswerFields.text(json, "updated");
        try {
            return text.isEmpty() ? null : Instant.parse(text);
        } catch (DateTimeParseException unreadable) {
            return null;
        }
    }

    private static String orEmpty(String text) {
        return text == null ? "" : text;
    }
}
