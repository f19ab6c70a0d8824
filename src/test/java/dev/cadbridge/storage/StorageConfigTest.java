package dev.cadbridge.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class StorageConfigTest {
    private static StorageConfig mariadb(String prefix, String serverName, String password) {
        return new StorageConfig(StorageType.MARIADB, "db.example.net", 3306, "cad", "cadbridge", password, 4, prefix, serverName);
    }

    @Test
    void typesAreReadWithTheirUsualNames() {
        assertThat(StorageType.parse(" MySQL ")).isEqualTo(StorageType.MARIADB);
        assertThat(StorageType.parse("postgres")).isEqualTo(StorageType.POSTGRESQL);
        assertThat(StorageType.parse("h2")).isEqualTo(StorageType.H2);
        assertThatThrownBy(() -> StorageType.parse("sqlite")).hasMessage(
                "storage.type: 'sqlite' is not a storage type; use h2, mariadb, mysql or postgresql");
    }

    @Test
    void aTablePrefixThatIsNotAnIdentifierIsRefusedByName() {
        assertThatThrownBy(() -> mariadb("cad; DROP TABLE x", "lobby", "")).hasMessageStartingWith("storage.table-prefix: 'cad; DROP TABLE x'");
        assertThatThrownBy(() -> mariadb("cad-", "lobby", "")).hasMessageStartingWith("storage.table-prefix:");
        assertThat(mariadb("cad_2_", "lobby", "").tablePrefix()).isEqualTo("cad_2_");
    }

    @Test
    void aTablePrefixMustStartWithALetterOrUnderscoreBecauseH2AndPostgresqlRefuseTableNamesStartingWithADigit() {
        assertThatThrownBy(() -> mariadb("2cad_", "lobby", "")).hasMessage(
                "storage.table-prefix: '2cad_' must start with a letter or '_' and may only contain letters, digits and '_' (at most 32)");
        assertThat(mariadb("_2cad_", "lobby", "").tablePrefix()).isEqualTo("_2cad_");
        assertThat(mariadb("", "lobby", "").tablePrefix()).as("no prefix at all").isEmpty();
    }

    @Test
    void everyServerNeedsAName() {
        assertThatThrownBy(() -> mariadb("cad_", " ", "")).hasMessageStartingWith("storage.server-name: ''");
        assertThatThrownBy(() -> mariadb("cad_", "my server", "")).hasMessageStartingWith("storage.server-name: 'my server'");
    }

    @Test
    void networkSettingsAreCheckedOnlyForNetworkedDatabases() {
        assertThatThrownBy(() -> new StorageConfig(StorageType.POSTGRESQL, "db", 0, "cad", "u", "", 2, "", "s"))
                .hasMessage("storage.port: 0 is not a port; use 1 to 65535");
        assertThatThrownBy(() -> new StorageConfig(StorageType.POSTGRESQL, "db", 5432, "cad", " ", "", 2, "", "s"))
                .hasMessage("storage.user: is missing; postgresql needs a user");
        assertThatThrownBy(() -> new StorageConfig(StorageType.MARIADB, "db", 3306, "cad", "u", "", 0, "", "s"))
                .hasMessage("storage.pool-size: 0 is out of range; use 1 to 50");
        assertThat(StorageConfig.h2("survival").type()).isEqualTo(StorageType.H2);
    }

    @Test
    void thePasswordCanComeFromTheEnvironmentAndIsNeverPrinted() {
        StorageConfig fromFile = mariadb("cad_", "lobby", "file-secret-4411");
        StorageConfig fromEnv = fromFile.withPasswordFrom(Map.of(StorageConfig.PASSWORD_ENV, "env-secret-9923"));
        assertThat(fromEnv.password()).isEqualTo("env-secret-9923");
        assertThat(fromFile.withPasswordFrom(Map.of()).password()).isEqualTo("file-secret-4411");
        assertThat(fromEnv.toString()).doesNotContain("env-secret-9923").contains("(hidden)");
        assertThat(fromEnv.describeTarget()).doesNotContain("env-secret-9923").isEqualTo("mariadb cadbridge@db.example.net:3306/cad");
    }
}
