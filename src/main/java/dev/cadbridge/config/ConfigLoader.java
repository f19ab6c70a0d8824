package dev.cadbridge.config;

import dev.cadbridge.outbound.DispatcherSettings;
import dev.cadbridge.outbound.RateLimit;
import dev.cadbridge.identity.IdRule;
import dev.cadbridge.identity.IdentitySettings;
import dev.cadbridge.link.LinkSettings;
import dev.cadbridge.live.LiveSettings;
import dev.cadbridge.network.NetworkMode;
import dev.cadbridge.sonoran.ApiGeneration;
import dev.cadbridge.sonoran.ApiKey;
import dev.cadbridge.sonoran.CallOrigin;
import dev.cadbridge.sonoran.CallStatus;
import dev.cadbridge.sonoran.InvalidOperationException;
import dev.cadbridge.sonoran.OperationLimits;
import dev.cadbridge.sonoran.OperationType;
import dev.cadbridge.sonoran.SonoranSettings;
import dev.cadbridge.platform.BlockPosition;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Turns the parsed config.yml into a {@link LoadedConfig}, naming every wrong value. */
public final class ConfigLoader {

    /** Environment variable that, when set, overrides {@code sonoran.api-key}. */
    public static final String API_KEY_ENVIRONMENT_VARIABLE = "CADBRIDGE_API_KEY";
    /** What the shipped config.yml contains in place of a key. */
    public static final String API_KEY_PLACEHOLDER = "PASTE-YOUR-API-KEY-HERE";

    private static final Duration MAX_DURATION = Duration.ofDays(1);
    /** The most negative block coordinate a player can reach: the widest number an address placeholder becomes. */
    private static final int WORLD_EDGE = -30_000_000;

    private final Function<String, String> environment;

    public ConfigLoader(Function<String, String> environment) {
        this.environment = environment;
    }

    public LoadedConfig load(Map<String, Object> root) {
        ConfigTree tree = new ConfigTree(root);

        ApiGeneration generation = tree.choice("sonoran.api-generation",
                ordered("v2", ApiGeneration.V2, "v1", ApiGeneration.V1), ApiGeneration.V2, g -> g.name().toLowerCase(Locale.ROOT));
        URI baseUrl = baseUrl(tree);
        String communityId = tree.string("sonoran.community-id", "").strip();
        int serverId = tree.integer("sonoran.server-id", 1, 1, Integer.MAX_VALUE);
        Duration connectTimeout = tree.duration("sonoran.connect-timeout", Duration.ofSeconds(5), Duration.ofMillis(100), Duration.ofMinutes(1));
        Duration requestTimeout = tree.duration("sonoran.request-timeout", Duration.ofSeconds(10), Duration.ofMillis(100), Duration.ofMinutes(2));

        IdentitySettings identity = new IdentitySettings(generation,
                idRule(tree, "identity.community-user-id"), idRule(tree, "identity.api-id"));
        LinkSettings link = new LinkSettings(tree.duration("link.poll-interval", LinkSettings.defaults().pollInterval(),
                Duration.ofSeconds(3), Duration.ofMinutes(1)));
        AfkSettings afk = afk(tree);
        QuitAction quitAction = tree.choice("quit.action",
                ordered("none", QuitAction.NONE, "detach", QuitAction.DETACH, "kick", QuitAction.KICK),
                QuitAction.KICK, q -> q.name().toLowerCase(Locale.ROOT));
        String quitKickReason = reason(tree, "quit.kick-reason", "Left the game");
        CommandSettings commands = new CommandSettings(
                tree.duration("commands.cooldown", Duration.ofSeconds(3), Duration.ZERO, Duration.ofMinutes(10)),
                reason(tree, "commands.kick-default-reason", CommandSettings.defaults().defaultKickReason()),
                dispatchDefaults(tree),
                tree.duration("commands.cooldown-911", CommandSettings.defaults().emergencyCooldown(), Duration.ZERO, Duration.ofHours(24)),
                tree.duration("commands.active-cache", CommandSettings.defaults().activeListCache(), Duration.ZERO, Duration.ofMinutes(10)));
        DispatcherSettings dispatcher = dispatcher(tree);
        Duration shutdownTimeout = tree.duration("dispatcher.shutdown-timeout", Duration.ofSeconds(5), Duration.ZERO, Duration.ofMinutes(1));
        Messages messages = messages(tree);
        boolean debug = tree.bool("debug", false);

        CadBridgeConfig config = new CadBridgeConfig(generation, baseUrl, identity, link, afk, quitAction, quitKickReason,
                commands, dispatcher, shutdownTimeout, messages, debug, StorageSection.read(tree, environment),
                heartbeatInterval(tree), live(tree), tree.choice("network.enabled",
                        ordered("auto", NetworkMode.AUTO, "true", NetworkMode.ON, "false", NetworkMode.OFF),
                        NetworkMode.AUTO, mode -> mode == NetworkMode.AUTO ? "auto" : String.valueOf(mode == NetworkMode.ON)));

        Optional<KeySetting> apiKey = apiKeySetting(tree);
        if (apiKey.isEmpty()) {
            return new LoadedConfig(config, Optional.empty(),
                    "no API key is set (sonoran.api-key in config.yml, or the " + API_KEY_ENVIRONMENT_VARIABLE + " environment variable)",
                    true, tree.problems(), !communityId.isEmpty());
        }
        KeySetting key = apiKey.get();
        if (key.problem() != null) {
            tree.problem(key.key(), key.where() + " " + key.problem());
            return new LoadedConfig(config, Optional.empty(), "the API key in " + key.key() + " " + key.problem(), false, tree.problems(), !communityId.isEmpty());
        }
        try {
            SonoranSettings sonoran = new SonoranSettings(generation, baseUrl, communityId, ApiKey.of(key.value()), serverId,
                    connectTimeout, requestTimeout);
            return new LoadedConfig(config, Optional.of(sonoran), null, false, tree.problems(), !communityId.isEmpty());
        } catch (IllegalArgumentException e) {
            // Only the v1 community id can still be refused here; everything else was checked above.
            tree.problem("sonoran.community-id", "is empty; the v1 API needs your community id");
            return new LoadedConfig(config, Optional.empty(), e.getMessage(), false, tree.problems(), !communityId.isEmpty());
        }
    }

    /** Where the key came from ({@code key}, and in words), its value, and what is wrong with it (null when usable). */
    private record KeySetting(String key, String where, String value, String problem) {}

    /** Empty when no key is set; the environment variable wins over the file. */
    private Optional<KeySetting> apiKeySetting(ConfigTree tree) {
        String fromEnvironment = environment.apply(API_KEY_ENVIRONMENT_VARIABLE);
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            String value = fromEnvironment.strip();
            return Optional.of(new KeySetting(API_KEY_ENVIRONMENT_VARIABLE, "the environment variable", value,
                    unusableKeyCharacter(value).orElse(null)));
        }
        String fromFile = tree.string("sonoran.api-key", "").strip();
        if (isPlaceholder(fromFile)) {
            return Optional.empty();
        }
        return Optional.of(new KeySetting("sonoran.api-key", "the key", fromFile, unusableKeyCharacter(fromFile).orElse(null)));
    }

    /**
     * API keys are printable ASCII. A no-break or zero-width space picked up when copying the key
     * cannot go into an HTTP header, so every request would fail as if the CAD were unreachable.
     * Says which character and where, never the key itself.
     */
    static Optional<String> unusableKeyCharacter(String key) {
        for (int i = 0; i < key.length(); i = key.offsetByCodePoints(i, 1)) {
            int c = key.codePointAt(i);
            if (c < 0x21 || c > 0x7E) {
                String name = Character.getName(c);
                return Optional.of("contains U+" + String.format("%04X", c) + (name == null ? "" : " (" + name.toLowerCase(Locale.ROOT) + ")")
                        + " at character " + (key.codePointCount(0, i) + 1) + "; an API key has only printable ASCII characters,"
                        + " so copy it from the CAD again");
            }
        }
        return Optional.empty();
    }

    static boolean isPlaceholder(String key) {
        String normal = key.strip().toUpperCase(Locale.ROOT);
        return normal.isEmpty() || normal.equals(API_KEY_PLACEHOLDER) || normal.contains("YOUR-API-KEY")
                || normal.contains("YOUR_API_KEY") || normal.equals("CHANGEME") || normal.equals("CHANGE-ME");
    }

    private static URI baseUrl(ConfigTree tree) {
        String text = tree.string("sonoran.base-url", SonoranSettings.DEFAULT_BASE_URL.toString()).strip();
        try {
            URI uri = URI.create(text);
            SonoranSettings.of(ApiGeneration.V2, uri, "", ApiKey.of("check"), 1);
            return uri;
        } catch (IllegalArgumentException e) {
            tree.problem("sonoran.base-url", "\"" + text + "\" is not usable; it must be an https:// URL (http:// only to localhost); using "
                    + SonoranSettings.DEFAULT_BASE_URL);
            return SonoranSettings.DEFAULT_BASE_URL;
        }
    }

    private static final Pattern PLACE_POSITION = Pattern.compile("\\s*(-?\\d{1,8})\\s*,\\s*(-?\\d{1,8})\\s*");

    /** {@code live.map.places}: name → "x, z"; a wrong entry is named and left out. */
    private static List<LiveSettings.Place> places(ConfigTree tree) {
        List<LiveSettings.Place> places = new ArrayList<>();
        for (Map.Entry<?, ?> entry : tree.section("live.map.places").entrySet()) {
            String name = String.valueOf(entry.getKey()).strip();
            Matcher position = PLACE_POSITION.matcher(String.valueOf(entry.getValue()));
            if (name.isEmpty() || name.length() > 64 || name.chars().anyMatch(Character::isISOControl) || !position.matches()) {
                tree.problem("live.map.places." + name, "must be a name of 1-64 characters with \"x, z\" block coordinates,"
                        + " such as \"Mission Row\": \"120, -40\"; left out");
                continue;
            }
            places.add(new LiveSettings.Place(name, Integer.parseInt(position.group(1)), Integer.parseInt(position.group(2))));
        }
        return places;
    }

    private static LiveSettings live(ConfigTree tree) {
        LiveSettings defaults = LiveSettings.defaults();
        LiveSettings.MapSettings mapDefaults = defaults.map();
        String template = tree.string("live.map.location-template", mapDefaults.locationTemplate());
        if (template.isBlank() || template.length() > 200 || template.chars().anyMatch(Character::isISOControl)) {
            tree.problem("live.map.location-template", "must be 1-200 characters without control characters; using \""
                    + mapDefaults.locationTemplate() + "\"");
            template = mapDefaults.locationTemplate();
        }
        LiveSettings.MapSettings map = new LiveSettings.MapSettings(
                tree.bool("live.map.enabled", mapDefaults.enabled()),
                tree.duration("live.map.interval", mapDefaults.interval(), LiveSettings.MapSettings.SHORTEST_INTERVAL, Duration.ofMinutes(1)),
                template, places(tree));
        return new LiveSettings(tree.bool("live.enabled", defaults.enabled()),
                tree.bool("live.notify.new-call", defaults.notifyNewCall()),
                tree.bool("live.notify.emergency-911", defaults.notify911()),
                tree.bool("live.notify.remove-911", defaults.notifyRemove911()),
                map);
    }

    /** The heartbeat route allows 10 a minute; a shorter interval would only spend that budget faster. */
    static final Duration SHORTEST_HEARTBEAT = Duration.ofSeconds(10);

    private static Duration heartbeatInterval(ConfigTree tree) {
        Duration interval = tree.duration("sonoran.heartbeat-interval", Duration.ofMinutes(1), Duration.ZERO, Duration.ofHours(1));
        if (!interval.isZero() && interval.compareTo(SHORTEST_HEARTBEAT) < 0) {
            tree.problem("sonoran.heartbeat-interval", Durations.format(interval) + " is shorter than the CAD allows (10 a minute); using "
                    + Durations.format(SHORTEST_HEARTBEAT));
            return SHORTEST_HEARTBEAT;
        }
        return interval;
    }

    private static IdRule idRule(ConfigTree tree, String key) {
        Map<String, IdRule> allowed = new LinkedHashMap<>();
        for (IdRule rule : IdRule.values()) {
            allowed.put(rule.configName(), rule);
        }
        return tree.choice(key, allowed, IdRule.UUID_WITH_DASHES, IdRule::configName);
    }

    private static AfkSettings afk(ConfigTree tree) {
        AfkSettings defaults = AfkSettings.defaults();
        boolean enabled = tree.bool("afk.enabled", defaults.enabled());
        Duration timeout = tree.duration("afk.timeout", defaults.timeout(), Duration.ofMinutes(1), MAX_DURATION);
        Duration warnBefore = tree.duration("afk.warn-before", defaults.warnBefore(), Duration.ZERO, MAX_DURATION);
        if (warnBefore.compareTo(timeout) >= 0) {
            Duration fallback = defaults.warnBefore().compareTo(timeout) < 0 ? defaults.warnBefore() : timeout.dividedBy(2);
            tree.problem("afk.warn-before", Durations.format(warnBefore) + " is not shorter than afk.timeout ("
                    + Durations.format(timeout) + "); using " + Durations.format(fallback));
            warnBefore = fallback;
        }
        String reason = reason(tree, "afk.kick-reason", defaults.kickReason());
        Duration checkInterval = tree.duration("afk.check-interval", defaults.checkInterval(), Duration.ofSeconds(1), Duration.ofMinutes(1));
        return new AfkSettings(enabled, timeout, warnBefore, reason, checkInterval);
    }

    /** A kick reason the API will accept; checked now so a bad one cannot fail every kick later. */
    private static String reason(ConfigTree tree, String key, String fallback) {
        String value = tree.string(key, fallback);
        try {
            return OperationLimits.requiredText(key, value, OperationLimits.MAX_REASON_LENGTH);
        } catch (InvalidOperationException e) {
            tree.problem(key, e.getMessage().substring(key.length() + 2) + "; using \"" + fallback + "\"");
            return fallback;
        }
    }

    private static DispatchDefaults dispatchDefaults(ConfigTree tree) {
        DispatchDefaults defaults = DispatchDefaults.defaults();
        CallOrigin origin = tree.choice("dispatch.default-origin", CommandValues.origins(), defaults.origin(), CommandValues::originName);
        CallStatus status = tree.choice("dispatch.default-status", CommandValues.statuses(), defaults.status(), CommandValues::statusName);
        int priority = tree.integer("dispatch.default-priority", defaults.priority(), 1, 3);
        String code = tree.string("dispatch.default-code", defaults.code());
        try {
            OperationLimits.optionalText("dispatch.default-code", code, OperationLimits.MAX_CODE_LENGTH);
        } catch (InvalidOperationException e) {
            tree.problem("dispatch.default-code", e.getMessage().substring("dispatch.default-code".length() + 2) + "; using none");
            code = "";
        }
        return new DispatchDefaults(origin, status, priority, code, addressTemplate(tree, defaults.addressTemplate()));
    }

    /**
     * The template is checked with the widest coordinates a player can stand at, so that no
     * position can make the address too long for the CAD and fail every dispatch from there.
     */
    private static String addressTemplate(ConfigTree tree, String fallback) {
        String key = "dispatch.address-template";
        String template = tree.string(key, fallback);
        String widest = DispatchDefaults.address(template, new BlockPosition(WORLD_EDGE, WORLD_EDGE, WORLD_EDGE));
        if (widest.length() > OperationLimits.MAX_ADDRESS_LENGTH) {
            tree.problem(key, "can grow to " + widest.length() + " characters (at x, y, z = " + WORLD_EDGE + "); the CAD accepts "
                    + OperationLimits.MAX_ADDRESS_LENGTH + "; using \"" + fallback + "\"");
            return fallback;
        }
        try {
            OperationLimits.optionalText(key, widest, OperationLimits.MAX_ADDRESS_LENGTH);
        } catch (InvalidOperationException e) {
            tree.problem(key, e.getMessage().substring(key.length() + 2) + "; using \"" + fallback + "\"");
            return fallback;
        }
        return template;
    }

    private static DispatcherSettings dispatcher(ConfigTree tree) {
        DispatcherSettings defaults = DispatcherSettings.defaults();
        int queueCapacity = tree.integer("dispatcher.queue-capacity", defaults.queueCapacity(), 1, 1_000_000);
        int maxBatchSize = tree.integer("dispatcher.max-batch-size", defaults.maxBatchSize(), 1, 500);
        Map<OperationType, Duration> deadlines = new EnumMap<>(OperationType.class);
        Map<OperationType, RateLimit> rateLimits = new EnumMap<>(OperationType.class);
        for (OperationType type : OperationType.values()) {
            String name = operationKey(type);
            deadlines.put(type, tree.duration("dispatcher.deadlines." + name, defaults.deadlines().get(type), Duration.ofSeconds(5), MAX_DURATION));
            rateLimits.put(type, rateLimit(tree, "dispatcher.rate-limits." + name, defaults.rateLimits().get(type)));
        }
        RateLimit v1 = rateLimit(tree, "dispatcher.rate-limits.v1", defaults.v1RateLimit());
        Duration retryBase = tree.duration("dispatcher.retry-base-delay", defaults.retryBaseDelay(), Duration.ofMillis(100), Duration.ofMinutes(1));
        Duration retryMax = tree.duration("dispatcher.retry-max-delay", defaults.retryMaxDelay(), Duration.ofMillis(100), Duration.ofHours(1));
        if (retryMax.compareTo(retryBase) < 0) {
            tree.problem("dispatcher.retry-max-delay", Durations.format(retryMax) + " is shorter than dispatcher.retry-base-delay ("
                    + Durations.format(retryBase) + "); using " + Durations.format(retryBase));
            retryMax = retryBase;
        }
        return new DispatcherSettings(queueCapacity, maxBatchSize, deadlines, rateLimits, v1, retryBase, retryMax);
    }

    /** The config word for an operation type: attach, detach, kick, new-dispatch, close. */
    public static String operationKey(OperationType type) {
        return type.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private static RateLimit rateLimit(ConfigTree tree, String key, RateLimit fallback) {
        int perMinute = tree.integer(key + ".per-minute", fallback.perMinute(), 1, 10_000);
        int burst = tree.integer(key + ".burst", fallback.burst(), 1, 10_000);
        return new RateLimit(perMinute, burst);
    }

    private static Messages messages(ConfigTree tree) {
        Map<String, Message> byKey = new LinkedHashMap<>();
        for (Message message : Message.values()) {
            byKey.put(message.key(), message);
        }
        Map<Message, String> overrides = new EnumMap<>(Message.class);
        for (Map.Entry<?, ?> entry : tree.section("messages").entrySet()) {
            String key = "messages." + entry.getKey();
            Message message = byKey.get(String.valueOf(entry.getKey()));
            if (message == null) {
                tree.problem(key, "is not a message CadBridge sends; it is ignored (see the messages section of the default config.yml)");
            } else if (entry.getValue() instanceof Map<?, ?> || entry.getValue() instanceof java.util.List<?> || entry.getValue() == null) {
                tree.problem(key, "must be a single line of MiniMessage text; using the default");
            } else {
                overrides.put(message, String.valueOf(entry.getValue()));
            }
        }
        return new Messages(overrides);
    }

    private static <T> Map<String, T> ordered(Object... wordsAndValues) {
        Map<String, T> map = new LinkedHashMap<>();
        for (int i = 0; i < wordsAndValues.length; i += 2) {
            @SuppressWarnings("unchecked")
            T value = (T) wordsAndValues[i + 1];
            map.put((String) wordsAndValues[i], value);
        }
        return map;
    }
}
