package dev.cadbridge.sonoran;

import com.google.gson.JsonObject;
import java.util.List;
import java.util.Locale;
import java.util.function.BiFunction;

/** How one route is written for the v1 API: one endpoint, a {@code data} array, a plain-text answer. */
public interface V1Codec {

    /** The SDK's endpoint path segment ({@code kick_unit}); the request {@code type} is the same in upper case. */
    String endpoint();

    /** One item of the request's {@code data} array. */
    JsonObject data(CadOperation operation, int serverId);

    /** What a 2xx answer that is not an error text means for each operation. */
    WireOutcome success(List<CadOperation> operations, String text, String traceId);

    /**
     * A route whose answer confirms with {@code confirmation} (for example {@code KICKED}); an empty
     * confirmation accepts any 2xx that is not an error.
     */
    static V1Codec confirmedBy(String endpoint, String confirmation, BiFunction<CadOperation, Integer, JsonObject> data) {
        return new V1Codec() {
            @Override
            public String endpoint() {
                return endpoint;
            }

            @Override
            public JsonObject data(CadOperation operation, int serverId) {
                return data.apply(operation, serverId);
            }

            @Override
            public WireOutcome success(List<CadOperation> operations, String text, String traceId) {
                if (!text.toUpperCase(Locale.ROOT).contains(confirmation)) {
                    return new WireOutcome.Rejected(FailureKind.UNEXPECTED_RESPONSE,
                            "the CAD answered '" + text + "' instead of a " + confirmation + " confirmation", traceId);
                }
                return WireSupport.allDelivered(operations);
            }
        };
    }
}
