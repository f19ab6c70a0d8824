package dev.cadbridge.doctor;

import dev.cadbridge.sonoran.OperationType;
import java.util.Locale;
import java.util.Optional;

/**
 * Sonoran CAD plans, lowest first, and which one each operation needs. The tiers are those of
 * Sonoran's (v1) API pages: attach, detach and new dispatch need Plus; kick and close Standard. The
 * pages give no tier for the other routes, so the doctor does not judge them.
 */
enum PlanTier {
    FREE, STANDARD, PLUS, PRO;

    /** The tier the version check names ("PLUS"), if it is one of these. */
    static Optional<PlanTier> named(String name) {
        if (name == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(valueOf(name.strip().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException unknown) {
            return Optional.empty();
        }
    }

    static Optional<PlanTier> requiredFor(OperationType type) {
        return switch (type) {
            case ATTACH, DETACH, NEW_DISPATCH -> Optional.of(PLUS);
            case KICK, CLOSE -> Optional.of(STANDARD);
            default -> Optional.empty();
        };
    }

    boolean includes(PlanTier required) {
        return compareTo(required) >= 0;
    }

    String title() {
        return name().charAt(0) + name().substring(1).toLowerCase(Locale.ROOT);
    }
}
