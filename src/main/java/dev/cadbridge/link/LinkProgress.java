package dev.cadbridge.link;

import dev.cadbridge.sonoran.CadLinks;

/** What a player hears while linking. Called from any thread; implementations hop to the server thread. */
public interface LinkProgress {
    void checking();

    void alreadyLinked();

    /** Also called again when the player asks while a code is still pending. */
    void codeIssued(CadLinks.LinkCode code);

    void linked();

    void expired();

    /** The CAD id is bound to another player. */
    void taken(String cadId, String otherPlayerName);

    void failed(String reason);
}
