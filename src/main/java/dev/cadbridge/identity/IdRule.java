package dev.cadbridge.identity;

import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/** How a player's default CAD id is derived when nobody has set one. */
public enum IdRule {
    /** {@code 069a79f4-44e9-4726-a5be-fca90e38aaf5}: never changes, the natural choice. */
    UUID_WITH_DASHES("uuid"),
    /** {@code 069a79f444e94726a5befca90e38aaf5}. */
    UUID_WITHOUT_DASHES("uuid-no-dashes"),
    /** The player's name; changes when they rename, so links break. */
    NAME("name");

    private final String configName;

    IdRule(String configName) {
        this.configName = configName;
    }

    public String configName() {
        return configName;
    }

    public String derive(UUID playerId, String playerName) {
        return switch (this) {
            case UUID_WITH_DASHES -> playerId.toString();
            case UUID_WITHOUT_DASHES -> playerId.toString().replace("-", "");
            case NAME -> playerName;
        };
    }

    /**
     * The player whose derived id {@code cadId} is under this rule, if it has that form. A UUID is
     * public (anyone can look it up by name), so without this check a player could claim another
     * player's default id while that player is offline. Names cannot be told apart from other ids.
     */
    public Optional<UUID> derivedOwner(String cadId) {
        String id = cadId.strip().toLowerCase(Locale.ROOT);
        String dashed = switch (this) {
            case UUID_WITH_DASHES -> id;
            case UUID_WITHOUT_DASHES -> id.matches("[0-9a-f]{32}")
                    ? id.substring(0, 8) + "-" + id.substring(8, 12) + "-" + id.substring(12, 16) + "-"
                            + id.substring(16, 20) + "-" + id.substring(20) : "";
            case NAME -> "";
        };
        if (!dashed.matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")) {
            return Optional.empty();
        }
        return Optional.of(UUID.fromString(dashed));
    }

    public static IdRule fromConfigName(String name) {
        for (IdRule rule : values()) {
            if (rule.configName.equals(name.toLowerCase(Locale.ROOT))) {
                return rule;
            }
        }
        return null;
    }
}
