package dev.cadbridge.sonoran;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.time.Instant;
import java.util.List;
import okhttp3.Request;

/**
 * {@code PATCH /v2/emergency/servers/{serverId}/unit-locations}: positions for the CAD's live map
 * over HTTP, 12 requests a minute. Only the live session's fallback while its hub is down; the
 * hub's {@code unitLocation} takes an update every 250 ms. Never stored: an old position is worthless.
 */
public record UpdateUnitLocations(List<UnitLocation> updates) implements CadOperation {

    /** One unit's position: {@code coordinates} x/y/z and the facing {@code w} in degrees. */
    public record UnitLocation(String communityUserId, String location, double x, double y, double z, double w) {
        public UnitLocation {
            if (communityUserId == null || communityUserId.isBlank()) {
                throw new InvalidOperationException("communityUserId", "is empty");
            }
            if (location == null || location.isBlank()) {
                throw new InvalidOperationException("location", "is empty");
            }
        }

        /** The documented update object, as both the HTTP route and the hub's {@code unitLocation} take it. */
        public JsonObject toJson() {
            JsonObject update = new JsonObject();
            update.addProperty("communityUserId", communityUserId);
            update.addProperty("location", location);
            JsonObject coordinates = new JsonObject();
            coordinates.addProperty("x", x);
            coordinates.addProperty("y", y);
            coordinates.addProperty("z", z);
            coordinates.addProperty("w", w);
            update.add("coordinates", coordinates);
            return update;
        }
    }

    static final V2Codec V2 = new V2Codec() {
        @Override
        public Request request(Requests to, List<CadOperation> operations) {
            JsonArray updates = new JsonArray();
            ((UpdateUnitLocations) WireSupport.single(operations)).updates().forEach(update -> updates.add(update.toJson()));
            JsonObject body = new JsonObject();
            body.add("updates", updates);
            return to.send("PATCH", "v2/emergency/servers/{serverId}/unit-locations", body);
        }

        @Override
        public WireOutcome answer(List<CadOperation> operations, WireResponse response, Instant now) {
            return WireSupport.allDelivered(operations);
        }
    };

    public UpdateUnitLocations {
        if (updates == null || updates.isEmpty()) {
            throw new InvalidOperationException("updates", "is empty");
        }
        updates = List.copyOf(updates);
    }

    @Override
    public OperationType type() {
        return OperationType.UNIT_LOCATIONS;
    }

    /** The live map: a newer batch of positions does not wait for an older one's answer. */
    @Override
    public List<String> targets() {
        return List.of("live-map");
    }
}
