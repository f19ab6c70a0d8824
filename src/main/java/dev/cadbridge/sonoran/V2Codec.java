package dev.cadbridge.sonoran;

import com.google.gson.JsonElement;
import java.util.List;
import okhttp3.Request;

/** How one route is written for the v2 API, and what a 2xx answer means for each operation it carried. */
public interface V2Codec {

    Request request(Requests to, List<CadOperation> operations);

    /** A 2xx answer; the results are aligned with {@code operations}. Other answers are the wire's. */
    WireOutcome answer(List<CadOperation> operations, WireResponse response);

    /** Builds requests for the configured CAD: base URL, server id and key are the wire's. */
    interface Requests {
        /** {@code path} from the API root, with {@code {serverId}} replaced by the configured server; {@code body} null for none. */
        Request send(String method, String path, JsonElement body);
    }
}
