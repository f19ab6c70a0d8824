package dev.cadbridge.identity;

import java.util.UUID;

/** The answer to binding a CAD id to a player. */
public sealed interface BindOutcome {

    record Bound(CadIdentity identity) implements BindOutcome {}

    /** Another player already uses that CAD id; nothing was changed. */
    record Taken(String cadId, UUID otherPlayer, String otherPlayerName) implements BindOutcome {}
}
