package dev.cadbridge.live;

import java.time.Instant;

/**
 * The live session for {@code /cad status}. Times are null when it has not happened yet.
 *
 * @param state          what the session is doing
 * @param since          when it entered that state
 * @param lastEventAt    when the last event arrived
 * @param eventsReceived events received since the plugin started the session
 * @param wrongKey       events dropped because their key was not ours
 * @param reconnects     connections lost or failed and tried again
 * @param lastError      the last thing that went wrong, in words; null when nothing did
 * @param lastErrorAt    when
 * @param units          units in the cache
 */
public record LiveStatus(State state, Instant since, Instant lastEventAt, long eventsReceived, long wrongKey,
                         long reconnects, String lastError, Instant lastErrorAt, int units) {

    public enum State {
        /** Turned off in config.yml, or not possible with this configuration. */
        OFF,
        CONNECTING,
        CONNECTED,
        /** Lost or failed; the next attempt is scheduled. */
        RECONNECTING,
        /** The CAD refused our credentials; nothing is tried until /cad reload. */
        REFUSED,
        STOPPED
    }
}
