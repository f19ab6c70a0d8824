package dev.cadbridge.sonoran;

import com.google.gson.JsonObject;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import okhttp3.Request;

/**
 * {@code GET /v2/general/version}: a harmless request that shows whether the key and the address
 * work; answers a {@link CadVersion}: the plan, and the CAD's clock from the {@code Date} header.
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
            Date date = response.headers().getDate("Date");
            CadVersion answer = new CadVersion(name, version, date == null ? null : date.toInstant(), now);
            return new WireOutcome.Answered(List.of(new CadResult.Replied(answer)));
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
