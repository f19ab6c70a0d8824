package dev.cadbridge.identity;

/** How a player's CAD identity came to be. */
public enum IdentitySource {
    /** Derived from the player (UUID or name) by the configured rule; nothing stored by a person. */
    DEFAULT,
    /** The player set or linked it themselves. */
    SELF_LINKED,
    /** A staff member set it. */
    STAFF
}
