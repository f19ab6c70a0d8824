package dev.cadbridge.doctor;

import dev.cadbridge.config.CadBridgeConfig;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The configuration facts the checks read, without any secret: whether a key is set (not the key),
 * whether a community id is set (not the id), the server id, and why the CAD cannot be reached
 * with this configuration (empty when it can).
 */
public record Setup(
        CadBridgeConfig config,
        String configFile,
        boolean apiKeySet,
        boolean communityIdSet,
        OptionalInt serverId,
        Optional<String> notConnected) {}
