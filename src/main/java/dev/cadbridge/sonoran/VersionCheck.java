package dev.cadbridge.sonoran;

import com.google.gson.JsonObject;
import java.time.Instant;
import java.util.List;
import okhttp3.Request;

/**
 * {@code GET /v2/general/version}: a harmless request that shows whether the key and the address
 * work; answers the plan name, for example "PLUS (version 2)".
 */
public record VersionCheck() implements CadOperation {

    static final V2Codec V2 = new V2Codec() {
        @Override
        public Request request(Requests to, List<CadOperation> operations) {
            return to.send("GET", "v2/general/version", null);
        }

        @Override
        public WireOutcome answer(List<CadOperation> operations, WireResponse response, Instant now) {
            JsonObject json = WireSupport.jsonObject(response.body());
            String name = json == null ? null : WireSupport.string(json, "name");
            String version = json == null ? null : WireSupport.string(json, "version");
            String plan = name == null ? "plan unknown" : version == null ? name : name + " (version " + version + ")";
            return new WireOutcome.Answered(List.of(new CadResult.Replied(plan)));
        }
    };

    @Override
    public OperationType type() {
        return OperationType.VERSION;
    }

    @Override
    public List<String> targets() {
        return List.of();
    }
}
