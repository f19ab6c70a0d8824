package dev.cadbridge.live;

import java.time.Duration;

/**
 * The {@code live:} section of config.yml. The session itself also needs the v2 API and a
 * community id; {@code enabled} is only the owner's switch.
 *
 * @param enabled          whether to keep a live session with the CAD's hub
 * @param notifyNewCall    tell players with the notify permission about each new dispatch call
 * @param notify911        tell them about each new 911 call
 * @param notifyRemove911  tell them when a 911 call is removed
 * @param map              streaming positions to the CAD's live map
 */
public record LiveSettings(boolean enabled, boolean notifyNewCall, boolean notify911, boolean notifyRemove911, MapSettings map) {

    /**
     * @param enabled          stream the positions of players whose units are logged in
     * @param interval         how often positions are sampled and sent over the hub (at least 250 ms)
     * @param locationTemplate the location text: {@code {world}}, {@code {x}}, {@code {y}}, {@code {z}}, {@code {place}}
     */
    public record MapSettings(boolean enabled, Duration interval, String locationTemplate) {
        public static final Duration SHORTEST_INTERVAL = Duration.ofMillis(250);

        public static MapSettings defaults() {
            return new MapSettings(true, SHORTEST_INTERVAL, "{world} {x}, {z}");
        }
    }

    public static LiveSettings defaults() {
        return new LiveSettings(true, true, true, true, MapSettings.defaults());
    }
}
