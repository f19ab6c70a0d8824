package dev.cadbridge.sonoran;

import com.google.gson.JsonElement;
import java.time.Instant;
import java.util.List;
import okhttp3.Request;

/** How one route is written for the v2 API, and what a 2xx answer means for each operation it carried. */
public interface V2Codec {

    Request request(Requests to, List<CadOperation> operations);

    /**
     * A 2xx answer (or one {@link #isAnswer} accepts); the results are aligned with {@code operations}.
     * {@code now} is when it was read. Other answers are the wire's.
     */
    WireOutcome answer(List<CadOperation> operations, WireResponse response, Instant now);

    /** A non-2xx answer that this route reads as an answer all the same. */
    default boolean isAnswer(WireResponse response) {
        return false;
    }

    /**
     * Whether a 404 from this route can be about the configuration (an unknown server id). Routes
     * whose path carries no server id answer false: whatever their 404 says, it is their own.
     */
    default boolean notFoundMayMeanTheServer() {
        return true;
    }

    /** Builds requests for the configured CAD: base URL, server id and key are the wire's. */
    interface Requests {
        /** {@code path} from the API root, with {@code {serverId}} replaced by the configured server; {@code body} null for none. */
        Request send(String method, String path, JsonElement body);
    }
}
