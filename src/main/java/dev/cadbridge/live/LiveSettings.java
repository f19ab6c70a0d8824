package dev.cadbridge.live;

import java.time.Duration;
import java.util.List;

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
     * @param places           named places; {@code {place}} is the nearest one's name (empty when there are none)
     */
    public record MapSettings(boolean enabled, Duration interval, String locationTemplate, List<Place> places) {
        public static final Duration SHORTEST_INTERVAL = Duration.ofMillis(250);

        public MapSettings {
            places = List.copyOf(places);
        }

        public MapSettings(boolean enabled, Duration interval, String locationTemplate) {
            this(enabled, interval, locationTemplate, List.of());
        }

        public static MapSettings defaults() {
            return new MapSettings(true, SHORTEST_INTERVAL, "{world} {x}, {z}");
        }

        /** The place nearest to block column (x, z), by straight distance; empty when no place is configured. */
        public String nearestPlace(double x, double z) {
            String nearest = "";
            double best = Double.MAX_VALUE;
            for (Place place : places) {
                double dx = place.x() - x;
                double dz = place.z() - z;
                double distance = dx * dx + dz * dz;
                if (distance < best) {
                    best = distance;
                    nearest = place.name();
                }
            }
            return nearest;
        }
    }

    /** A named spot for the live map's location text ({@code live.map.places}). */
    public record Place(String name, int x, int z) {}

    public static LiveSettings defaults() {
        return new LiveSettings(true, true, true, true, MapSettings.defaults());
    }
}
