package dev.cadbridge.sandbox;

import dev.cadbridge.sonoran.ApiGeneration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A snapshot of one dispatch call in the sandbox's CAD.
 *
 * @param status       0 PENDING, 1 ACTIVE, 2 CLOSED (the API's enum)
 * @param notes        an array on both generations; kept as the JSON text sent
 * @param units        unit ids (communityUserId or v1 apiId) attached now, in attach order
 * @param createdBy    the API generation that created it, or null when a test seeded it with
 *                     {@link SonoranSandbox#addCall(String)}
 */
public record SandboxCall(
        long callId,
        int serverId,
        int origin,
        int status,
        int priority,
        String title,
        String code,
        String block,
        String address,
        String postal,
        String description,
        String notes,
        Map<String, String> metaData,
        List<String> units,
        ApiGeneration createdBy,
        Instant created) {

    public static final int PENDING = 0;
    public static final int ACTIVE = 1;
    public static final int CLOSED = 2;

    public boolean isClosed() {
        return status == CLOSED;
    }
}
