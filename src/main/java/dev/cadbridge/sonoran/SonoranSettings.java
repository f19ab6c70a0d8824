package dev.cadbridge.sonoran;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

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
        if (scheme.equals("http") && isThisMachine(host)) {
            return url;
        }
        throw new IllegalArgumentException("sonoran.base-url: \"" + url + "\" must use https:// (plain http:// is only allowed to localhost)");
    }

    private static final Pattern IPV4_LITERAL = Pattern.compile("(0|[1-9]\\d{0,2})(\\.(0|[1-9]\\d{0,2})){3}");

    /**
     * {@code localhost}, or an IP address literal on the loopback network (127.0.0.0/8, ::1): the
     * only hosts plain http may go to, as the key would otherwise cross a network in clear text.
     * Host names are never looked up; a name such as {@code 127.evil.example} is just a name.
     * IPv4 parts with a leading zero are refused, since some resolvers read them as octal.
     */
    static boolean isThisMachine(String host) {
        if (host == null) {
            return false;
        }
        String lower = host.toLowerCase(Locale.ROOT);
        if (lower.equals("localhost")) {
            return true;
        }
        if (lower.startsWith("[") && lower.endsWith("]")) {
            try {
                // A bracketed host is parsed as an IPv6 literal and never resolved; URI has already checked its form.
                return InetAddress.getByName(lower).isLoopbackAddress();
            } catch (UnknownHostException e) {
                return false;
            }
        }
        if (!IPV4_LITERAL.matcher(lower).matches()) {
            return false;
        }
        String[] parts = lower.split("\\.");
        for (String part : parts) {
            if (Integer.parseInt(part) > 255) {
                return false;
            }
        }
        return parts[0].equals("127");
    }

    private static Duration positive(String key, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(key + ": must be a positive duration, got " + value);
        }
        return value;
    }
}
