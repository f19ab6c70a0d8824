package dev.cadbridge.config;

import dev.cadbridge.platform.BlockPosition;
import dev.cadbridge.sonoran.CallOrigin;
import dev.cadbridge.sonoran.CallStatus;

/**
 * Values {@code /cad dispatch} uses when a flag is left out. {@code addressTemplate} takes
 * {x}, {y} and {z}, the block the sender stands in.
 */
public record DispatchDefaults(CallOrigin origin, CallStatus status, int priority, String code, String addressTemplate) {
    public static DispatchDefaults defaults() {
        return new DispatchDefaults(CallOrigin.CALLER, CallStatus.PENDING, 2, "", "{x}, {z}");
    }

    /** {@code template} with {x}, {y} and {z} replaced by the block {@code at}. */
    public static String address(String template, BlockPosition at) {
        return template.replace("{x}", String.valueOf(at.x()))
                .replace("{y}", String.valueOf(at.y()))
                .replace("{z}", String.valueOf(at.z()));
    }
}
