package dev.cadbridge.identity;

import java.time.Instant;
import java.util.UUID;

/**
 * A player and the id the CAD knows them by (v2 {@code communityUserId}, v1 "API ID").
 * {@code linkCheckedAt} is null until the CAD has been asked; {@code accountUuid} is the CAD
 * account when known.
 */
public record CadIdentity(
        UUID playerId,
        String cadId,
        IdentitySource source,
        LinkState linkState,
        String accountUuid,
        Instant linkCheckedAt,
        Instant updatedAt) {}
