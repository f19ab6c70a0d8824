package dev.cadbridge.sonoran;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * Where and how to reach the CAD. {@code communityId} is only used by the v1 API.
 * Construction refuses values that cannot work; messages name the config key.
 */
public record SonoranSettings(
        ApiGeneration generation,
        URI baseUrl,
        String communityId,
        ApiKey apiKey,
        int serverId,
        Duration connectTimeout,
        Duration requestTimeout) {

    public static final URI DEFAULT_BASE_URL = URI.create("https://api.sonorancad.com");

    public SonoranSettings {
        Objects.requireNonNull(generation, "generation");
        Objects.requireNonNull(apiKey, "apiKey");
        baseUrl = checkBaseUrl(baseUrl);
        communityId = communityId == null ? "" : communityId.strip();
        if (generation == ApiGeneration.V1 && communityId.isEmpty()) {
            throw new IllegalArgumentException("sonoran.community-id: the v1 API needs your community id");
        }
        if (serverId < 1) {
            throw new IllegalArgumentException("sonoran.server-id: " + serverId + " is not a server id; use 1 or higher (CAD Admin > Advanced > In-Game Integration)");
        }
        connectTimeout = positive("sonoran.connect-timeout", connectTimeout);
        requestTimeout = positive("sonoran.request-timeout", requestTimeout);
    }

    public static SonoranSettings of(ApiGeneration generation, URI baseUrl, String communityId, ApiKey apiKey, int serverId) {
        return new SonoranSettings(generation, baseUrl, communityId, apiKey, serverId, Duration.ofSeconds(5), Duration.ofSeconds(10));
    }

    /** Plain http would send the API key in clear text, so it is only allowed to this machine. */
    static URI checkBaseUrl(URI url) {
        if (url == null) {
            throw new IllegalArgumentException("sonoran.base-url: is missing");
        }
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        String host = url.getHost();
        if (host == null || host.isEmpty()) {
            throw new IllegalArgumentException("sonoran.base-url: \"" + url + "\" is not an absolute URL such as https://api.sonorancad.com");
        }
        if (scheme.equals("https")) {
            return url;
        }
        if (scheme.equals("http") && isLoopback(host)) {
            return url;
        }
        throw new IllegalArgumentException("sonoran.base-url: \"" + url + "\" must use https:// (plain http:// is only allowed to localhost)");
    }

    private static boolean isLoopback(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        return h.equals("localhost") || h.startsWith("127.") || h.equals("[::1]") || h.equals("::1");
    }

    private static Duration positive(String key, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(key + ": must be a positive duration, got " + value);
        }
        return value;
    }
}
