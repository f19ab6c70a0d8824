package dev.cadbridge.sonoran;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.time.Instant;
import java.util.List;
import okhttp3.Request;

/** Asks whether a player has linked their account yet; answers a {@link CadLinks.LinkCheck}. */
public record CheckLink(String communityUserId) implements CadOperation {

    static final V2Codec V2 = new V2Codec() {
        @Override
        public Request request(Requests to, List<CadOperation> operations) {
            return to.send("POST", "v2/general/links/check", CreateLink.linkBody(((CheckLink) WireSupport.single(operations)).communityUserId()));
        }

        /** {@code linked}, or a {@code {"success":false}} refusal meaning not linked yet. */
        @Override
        public WireOutcome answer(List<CadOperation> operations, WireResponse response, Instant now) {
            JsonObject json = WireSupport.jsonObject(response.body());
            if (json != null && !json.has("linked") && saysNotSuccessful(json)) {
                return replied(new CadLinks.LinkCheck(false, null));
            }
            JsonElement linked = json == null ? null : json.get("linked");
            if (linked == null || !linked.isJsonPrimitive() || !linked.getAsJsonPrimitive().isBoolean()) {
                return new WireOutcome.Answered(List.of(new CadResult.Failed(FailureKind.UNEXPECTED_RESPONSE,
                        "the CAD answered the link check without 'linked'", WireSupport.traceId(response, json))));
            }
            boolean isLinked = linked.getAsBoolean();
            return replied(new CadLinks.LinkCheck(isLinked, isLinked ? WireSupport.string(json, "accountUuid") : null));
        }

        /**
         * A refused check that means "not linked yet": Sonoran's own game resource says the check
         * sometimes answers a non-2xx status with {@code {"success":false}} for a user who has not
         * linked. A 429 or 5xx stays what it is.
         */
        @Override
        public boolean isAnswer(WireResponse response) {
            int code = response.code();
            if (code < 400 || code == 429 || code >= 500) {
                return false;
            }
            return saysNotSuccessful(WireSupport.jsonObject(response.body()));
        }

        @Override
        public boolean notFoundMayMeanTheServer() {
            return false;
        }
    };

    public CheckLink {
        communityUserId = OperationLimits.unitId("communityUserId", communityUserId);
    }

    private static WireOutcome replied(CadLinks.LinkCheck check) {
        return new WireOutcome.Answered(List.of(new CadResult.Replied(check)));
    }

    private static boolean saysNotSuccessful(JsonObject json) {
        JsonElement success = json == null ? null : json.get("success");
        return success != null && success.isJsonPrimitive() && success.getAsJsonPrimitive().isBoolean() && !success.getAsBoolean();
    }

    @Override
    public OperationType type() {
        return OperationType.LINK_CHECK;
    }

    @Override
    public List<String> targets() {
        return List.of();
    }
}
