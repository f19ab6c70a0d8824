package dev.cadbridge.sonoran;

import java.util.OptionalLong;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import okhttp3.MediaType;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;
import okhttp3.Headers;

/** Answer handling both generations share: Retry-After, trace ids, redaction, 429 and 5xx. */
public final class WireSupport {
    private static final int MAX_MESSAGE_LENGTH = 300;
    private static final Pattern DELAY_SECONDS = Pattern.compile("\\d{1,12}(\\.\\d{1,9})?");

    private WireSupport() {}

    /**
     * How long a 429's Retry-After says to wait: delta seconds, possibly with a fraction such as
     * {@code 1.5}, which Sonoran's own clients accept, or an HTTP date, read against the wall clock
     * {@code now} (a date in the past means no wait). Null if absent or unreadable.
     */
    public static Duration retryAfter(Headers headers, Instant now) {
        String value = headers.get("Retry-After");
        if (value == null || value.isBlank()) {
            return null;
        }
        String trimmed = value.strip();
        if (DELAY_SECONDS.matcher(trimmed).matches()) {
            BigDecimal seconds = new BigDecimal(trimmed);
            return Duration.ofSeconds(seconds.longValue(), seconds.remainder(BigDecimal.ONE).movePointRight(9).longValue());
        }
        try {
            Instant at = ZonedDateTime.parse(trimmed, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            return at.isBefore(now) ? Duration.ZERO : Duration.between(now, at);
        } catch (DateTimeParseException notADate) {
            return null;
        }
    }

    /** The vendor trace id: problem-json {@code traceId}, then x-trace-id, then x-kong-request-id, then a 429's request_id. */
    public static String traceId(WireResponse response, JsonObject json) {
        String fromBody = json == null ? null : string(json, "traceId");
        if (fromBody != null) {
            return fromBody;
        }
        String header = response.headers().get("x-trace-id");
        if (header == null) {
            header = response.headers().get("x-kong-request-id");
        }
        if (header != null) {
            return header;
        }
        return json == null ? null : string(json, "request_id");
    }

    /** The body parsed as a JSON object, or null when it is not one. */
    public static JsonObject jsonObject(String body) {
        JsonElement element = jsonElement(body);
        return element != null && element.isJsonObject() ? element.getAsJsonObject() : null;
    }

    public static JsonElement jsonElement(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            return JsonParser.parseString(body);
        } catch (RuntimeException notJson) {
            return null;
        }
    }

    public static String string(JsonObject json, String member) {
        JsonElement value = json.get(member);
        return value != null && value.isJsonPrimitive() ? value.getAsString() : null;
    }

    /** Answers any generation treats the same: 429 and 5xx. Null when the status is something else. */
    public static WireOutcome rateLimitOrServerError(WireResponse response, Instant now, String describedBody) {
        if (response.code() == 429) {
            return new WireOutcome.RateLimited(retryAfter(response.headers(), now), traceId(response, jsonObject(response.body())));
        }
        if (response.code() >= 500) {
            // 503 says the request was not processed; other 5xx (502/504 from a gateway) may hide a call that was created.
            return new WireOutcome.Transient("SERVER_ERROR", "the CAD answered HTTP " + response.code() + describedBody,
                    traceId(response, jsonObject(response.body())), response.code() != 503);
        }
        return null;
    }

    /** Replaces the key everywhere in {@code text} and caps the length so a huge body cannot flood a log. */
    public static String redact(String text, ApiKey key) {
        if (text == null) {
            return null;
        }
        String secret = key.reveal();
        String cleaned = secret.isEmpty() ? text : text.replace(secret, "[api key]");
        cleaned = cleaned.replaceAll("\\s+", " ").strip();
        return cleaned.length() > MAX_MESSAGE_LENGTH ? cleaned.substring(0, MAX_MESSAGE_LENGTH) + "…" : cleaned;
    }

    public static final MediaType JSON = MediaType.get("application/json; charset=utf-8");

    public static JsonArray strings(List<String> values) {
        JsonArray array = new JsonArray();
        values.forEach(array::add);
        return array;
    }

    /**
     * Both generations send {@code notes} as an array whose note shape no page shows, so it goes as
     * {@code []} and the notes text is appended to the description instead.
     */
    public static String descriptionWithNotes(NewDispatch dispatch) {
        if (dispatch.notes().isEmpty()) {
            return dispatch.description();
        }
        return dispatch.description().isEmpty() ? "Notes: " + dispatch.notes()
                : dispatch.description() + "\n\nNotes: " + dispatch.notes();
    }

    /**
     * What to tell about an operation the CAD's answer left out, wholly ({@code done == 0}) or in part:
     * a unit missing from an answer is not logged in to the CAD, a call missing is not a call it has.
     */
    public static CadResult.LeftOut leftOut(CadOperation operation, int done) {
        return switch (operation) {
            case AttachUnits attach -> unitsLeftOut(attach.unitIds(), done, "attach", "attached", " to call #" + attach.callId());
            case DetachUnits detach -> unitsLeftOut(detach.unitIds(), done, "detach", "detached", "");
            case SetUnitPanic panic -> unitsLeftOut(panic.unitIds(), done, "turn panic " + (panic.panic() ? "on" : "off") + " for",
                    "turned panic " + (panic.panic() ? "on" : "off") + " for", "");
            case SetUnitStatus status -> unitsLeftOut(status.unitIds(), done, "change the status of", "changed the status of", "");
            case KickUnit kick -> new CadResult.LeftOut(0, 1, "the CAD did not kick " + kick.unitId() + ": not logged in to the CAD");
            case CloseCall close -> new CadResult.LeftOut(0, 1, "the CAD has no call #" + close.callId() + ", so nothing was closed");
            default -> throw new IllegalArgumentException(operation.type() + " names no existing unit or call");
        };
    }

    private static CadResult.LeftOut unitsLeftOut(List<String> units, int done, String verb, String verbPast, String where) {
        String named = String.join(", ", units);
        String message = done == 0
                ? "the CAD did not " + verb + " " + named + where + ": not logged in to the CAD"
                : "the CAD " + verbPast + " only " + done + " of the " + units.size() + " units (" + named + ")" + where
                        + "; the others are not logged in to the CAD (its answer does not say which)";
        return new CadResult.LeftOut(Math.min(done, units.size()), units.size(), message);
    }

    /** The one operation a request that cannot carry several holds. */
    public static CadOperation single(List<CadOperation> operations) {
        if (operations.size() != 1) {
            throw new IllegalArgumentException("this request carries exactly one operation, got " + operations.size());
        }
        return operations.get(0);
    }

    /** A 2xx without the list that says what was done: the CAD may have acted, but nothing tells. */
    public static WireOutcome unclear(List<CadOperation> operations, WireResponse response, String list, String what) {
        CadResult unknown = new CadResult.OutcomeUnknown("the CAD answered HTTP " + response.code() + " without the '"
                + list + "' list that says which " + what + "; check the CAD");
        List<CadResult> results = new ArrayList<>();
        operations.forEach(op -> results.add(unknown));
        return new WireOutcome.Answered(results);
    }

    /**
     * Attach and detach answer the CAD identifier ids ({@code identIds}) of the units they acted on,
     * not the communityUserIds sent, so the answer can mostly only be counted: fewer ids than units
     * means some were not logged in to the CAD, and unless none was, the answer does not say which.
     * Only one unit answered with one id is matched: that id is the unit's identifier.
     */
    static WireOutcome unitsAnswer(CadOperation operation, WireResponse response, String verbPast) {
        List<String> units = ((UnitSetOperation) operation).unitIds();
        JsonObject json = jsonObject(response.body());
        JsonElement identIds = json == null ? null : json.get("identIds");
        if (identIds == null || !identIds.isJsonArray()) {
            return unclear(List.of(operation), response, "identIds", "units it " + verbPast);
        }
        Set<String> actedOn = new HashSet<>();
        identIds.getAsJsonArray().forEach(id -> actedOn.add(id.toString()));
        Set<String> named = new HashSet<>(units);
        if (actedOn.size() < named.size()) {
            return new WireOutcome.Answered(List.of(leftOut(operation, actedOn.size())));
        }
        return new WireOutcome.Answered(List.of(new CadResult.Delivered(OptionalLong.empty(), identOfOneUnit(named, identIds))));
    }

    /** One unit answered with one numeric id: that id is the unit's. Anything else cannot be matched. */
    private static Map<String, Long> identOfOneUnit(Set<String> named, JsonElement identIds) {
        if (named.size() != 1 || identIds.getAsJsonArray().size() != 1) {
            return Map.of();
        }
        JsonElement id = identIds.getAsJsonArray().get(0);
        if (!id.isJsonPrimitive() || !id.getAsJsonPrimitive().isNumber()) {
            return Map.of();
        }
        return Map.of(named.iterator().next(), id.getAsLong());
    }

    /**
     * Panic and status answer how many identifiers they {@code updated}, not which: as with attach's
     * {@code identIds}, fewer than the units sent means some were not logged in to the CAD, and
     * unless none was, the answer does not say which.
     */
    static WireOutcome updatedCountAnswer(CadOperation operation, WireResponse response) {
        List<String> units = ((UnitSetOperation) operation).unitIds();
        JsonObject json = jsonObject(response.body());
        JsonElement updated = json == null ? null : json.get("updated");
        if (updated == null || !updated.isJsonPrimitive() || !updated.getAsJsonPrimitive().isNumber()) {
            return unclear(List.of(operation), response, "updated", "units it updated");
        }
        int named = new HashSet<>(units).size();
        int done = updated.getAsInt();
        return new WireOutcome.Answered(List.of(done >= named
                ? new CadResult.Delivered(OptionalLong.empty()) : leftOut(operation, Math.max(0, done))));
    }

    /** Every operation of the request succeeded (the answer does not report them one by one). */
    /**
     * The answer to a request that creates a call (a dispatch, a 911 call): delivered with the CAD's
     * {@code callId}. A 2xx without one means the call was probably created, but nothing can refer
     * to it, so it is reported as unknown, never sent again.
     */
    static WireOutcome createdCallAnswer(WireResponse response, String idName, String checkBefore) {
        JsonObject json = jsonObject(response.body());
        JsonElement callId = json == null ? null : json.get("callId");
        if (callId != null && callId.isJsonPrimitive() && callId.getAsJsonPrimitive().isNumber()) {
            return new WireOutcome.Answered(List.of(new CadResult.Delivered(OptionalLong.of(callId.getAsLong()))));
        }
        return new WireOutcome.Answered(List.of(new CadResult.OutcomeUnknown(
                "the CAD answered HTTP " + response.code() + " without a " + idName + "; check the CAD before " + checkBefore + " again")));
    }

    public static WireOutcome allDelivered(List<CadOperation> operations) {
        List<CadResult> results = new ArrayList<>();
        operations.forEach(op -> results.add(new CadResult.Delivered(OptionalLong.empty())));
        return new WireOutcome.Answered(results);
    }
}
