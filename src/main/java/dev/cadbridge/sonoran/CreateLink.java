package dev.cadbridge.sonoran;

import com.google.gson.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import okhttp3.Request;

/** Asks the CAD for a code a player enters on the Sonoran site to link their account; answers a {@link CadLinks.LinkCode}. */
public record CreateLink(String communityUserId) implements CadOperation {
    private static final String LINK_PAGE = "https://sonorancad.com/id?code=";
    private static final Duration LINK_LIFETIME = Duration.ofSeconds(600);

    static final V2Codec V2 = new V2Codec() {
        @Override
        public Request request(Requests to, List<CadOperation> operations) {
            return to.send("POST", "v2/general/links", linkBody(((CreateLink) WireSupport.single(operations)).communityUserId()));
        }

        /** The expiry comes from expiresAt, else expiresInSeconds, else the documented 600 s. */
        @Override
        public WireOutcome answer(List<CadOperation> operations, WireResponse response, Instant now) {
            JsonObject json = WireSupport.jsonObject(response.body());
            String code = json == null ? null : WireSupport.string(json, "code");
            if (code == null || code.isBlank()) {
                return new WireOutcome.Answered(List.of(new CadResult.Failed(FailureKind.UNEXPECTED_RESPONSE,
                        "the CAD answered the link request without a code", WireSupport.traceId(response, json))));
            }
            Instant expiresAt = now.plus(LINK_LIFETIME);
            String expiresText = WireSupport.string(json, "expiresAt");
            String expiresIn = WireSupport.string(json, "expiresInSeconds");
            try {
                if (expiresText != null) {
                    expiresAt = Instant.parse(expiresText);
                } else if (expiresIn != null) {
                    expiresAt = now.plusSeconds(Long.parseLong(expiresIn));
                }
            } catch (DateTimeParseException | NumberFormatException unreadable) {
                expiresAt = now.plus(LINK_LIFETIME);
            }
            return new WireOutcome.Answered(List.of(new CadResult.Replied(new CadLinks.LinkCode(code, LINK_PAGE + code, expiresAt))));
        }

        @Override
        public boolean notFoundMayMeanTheServer() {
            return false;
        }
    };

    public CreateLink {
        communityUserId = OperationLimits.unitId("communityUserId", communityUserId);
    }

    static JsonObject linkBody(String communityUserId) {
        JsonObject body = new JsonObject();
        body.addProperty("communityUserId", communityUserId);
        return body;
    }

    @Override
    public OperationType type() {
        return OperationType.LINK_CREATE;
    }

    @Override
    public List<String> targets() {
        return List.of();
    }
}
