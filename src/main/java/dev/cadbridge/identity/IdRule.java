package dev.cadbridge.identity;

import java.util.Locale;
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

    public static IdRule fromConfigName(String name) {
        for (IdRule rule : values()) {
            if (rule.configName.equals(name.toLowerCase(Locale.ROOT))) {
                return rule;
            }
        }
        return null;
    }
}
