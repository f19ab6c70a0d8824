package dev.cadbridge.identity;

import dev.cadbridge.sonoran.ApiGeneration;
import java.util.UUID;

/**
 * {@code communityUserIdRule} derives the v2 {@code communityUserId}; {@code apiIdRule} derives
 * the v1 "API ID" for players who have not set one with {@code /cad link <apiId>}.
 */
public record IdentitySettings(ApiGeneration generation, IdRule communityUserIdRule, IdRule apiIdRule) {

    public static IdentitySettings defaults(ApiGeneration generation) {
        return new IdentitySettings(generation, IdRule.UUID_WITH_DASHES, IdRule.UUID_WITH_DASHES);
    }

    public String defaultCadId(UUID playerId, String playerName) {
        return rule().derive(playerId, playerName);
    }

    /** The player whose default id {@code cadId} is, when it has the form of a derived id. */
    public java.util.Optional<UUID> defaultOwnerOf(String cadId) {
        return rule().derivedOwner(cadId);
    }

    private IdRule rule() {
        return generation == ApiGeneration.V1 ? apiIdRule : communityUserIdRule;
    }
}
