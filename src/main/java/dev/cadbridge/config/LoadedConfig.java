package dev.cadbridge.config;

import dev.cadbridge.sonoran.SonoranSettings;
import java.util.List;
import java.util.Optional;

/**
 * The result of reading config.yml. {@code sonoran} is empty when the CAD cannot be reached with
 * this configuration; {@code connectionProblem} then says why, and {@code credentialProblem} tells
 * whether the API key is what is missing. {@code communityIdSet} says whether sonoran.community-id
 * has a value (v1 needs it; the value itself is not kept here).
 */
public record LoadedConfig(
        CadBridgeConfig config,
        Optional<SonoranSettings> sonoran,
        String connectionProblem,
        boolean credentialProblem,
        List<ConfigProblem> problems,
        boolean communityIdSet) {

    public boolean canConnect() {
        return sonoran.isPresent();
    }
}
