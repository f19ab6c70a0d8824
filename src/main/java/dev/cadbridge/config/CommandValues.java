package dev.cadbridge.config;

import dev.cadbridge.sonoran.CallOrigin;
import dev.cadbridge.sonoran.CallStatus;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** The words owners and players type for call origins and statuses, shared by config.yml and /cad dispatch. */
public final class CommandValues {

    private CommandValues() {}

    /** caller, radio, observed, walkup, in that order. */
    public static Map<String, CallOrigin> origins() {
        Map<String, CallOrigin> map = new LinkedHashMap<>();
        for (CallOrigin origin : CallOrigin.values()) {
            map.put(originName(origin), origin);
        }
        return Collections.unmodifiableMap(map);
    }

    /** pending, active. */
    public static Map<String, CallStatus> statuses() {
        Map<String, CallStatus> map = new LinkedHashMap<>();
        for (CallStatus status : CallStatus.values()) {
            map.put(statusName(status), status);
        }
        return Collections.unmodifiableMap(map);
    }

    public static String originName(CallOrigin origin) {
        return origin == CallOrigin.WALK_UP ? "walkup" : origin.name().toLowerCase(Locale.ROOT);
    }

    public static String statusName(CallStatus status) {
        return status.name().toLowerCase(Locale.ROOT);
    }
}
