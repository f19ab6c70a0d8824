package dev.cadbridge.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cadbridge.storage.StorageConfig;
import dev.cadbridge.storage.StorageType;
import dev.cadbridge.testing.Harness;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The storage: section of config.yml: defaults, a network setup, and every kind of wrong value. */
class StorageSectionTest {
    private static final String PASSWORD = "hunter2-db-secret";

    private static LoadedConfig load(Map<String, String> environment, Object... keysAndValues) {
        return new ConfigLoader(environment::get).load(Harness.tree(keysAndValues));
    }

    private static LoadedConfig load(Object... keysAndValues) {
        return load(Map.of(), keysAndValues);
    }

    private static String problemsText(LoadedConfig loaded) {
        return String.join("\n", loaded.problems().stream().map(ConfigProblem::toString).toList());
    }

    @Test
    void withoutASectionItIsTheEmbeddedH2FileWithNoSetup() {
        LoadedConfig loaded = load();
        assertThat(loaded.problems()).isEmpty();
        assertThat(loaded.config().storage()).isEqualTo(
                new StorageConfig(StorageType.H2, "localhost", 0, "cadbridge", "cadbridge", "", 2, "cadbridge_", "default"));
    }

    @Test
    void aNetworkDatabaseIsTakenAsWrittenWithTheDefaultPortOfItsType() {
        LoadedConfig loaded = load("storage.type", "postgres", "storage.host", "db.internal", "storage.database", "cad_net",
                "storage.username", "minecraft", "storage.password", PASSWORD, "storage.pool-size", 4,
                "storage.table-prefix", "net_", "storage.server-name", "survival-1");
        assertThat(loaded.problems()).isEmpty();
        assertThat(loaded.config().storage()).isEqualTo(new StorageConfig(StorageType.POSTGRESQL, "db.internal", 5432, "cad_net",
                "minecraft", PASSWORD, 4, "net_", "survival-1"));
        assertThat(load("storage.type", "MySQL").config().storage().port()).isEqualTo(3306);
    }

    @Test
    void thePasswordFromTheEnvironmentWinsOverTheFile() {
        LoadedConfig loaded = load(Map.of(StorageConfig.PASSWORD_ENV, "from-env"),
                "storage.type", "mariadb", "storage.password", PASSWORD);
        assertThat(loaded.config().storage().password()).isEqualTo("from-env");
        assertThat(load(Map.of(StorageConfig.PASSWORD_ENV, " "), "storage.type", "mariadb", "storage.password", PASSWORD)
                .config().storage().password()).as("a blank variable is not a password").isEqualTo(PASSWORD);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "type         | oracle     | \"oracle\" is not allowed; use one of h2, mariadb, mysql, postgresql, postgres; using h2",
        "port         | 70000      | 70000 is out of range; allowed 1 to 65535; using 3306",
        "port         | db-port    | \"db-port\" is not a whole number; using 3306",
        "database     | cad/bridge | \"cad/bridge\" is not a usable database name; use letters, digits, '_' and '-'; using cadbridge",
        "username     | '  '       | is empty; a database user is needed for mariadb, mysql and postgresql; using cadbridge",
        "pool-size    | 0          | 0 is out of range; allowed 1 to 50; using 2",
        "pool-size    | 51         | 51 is out of range; allowed 1 to 50; using 2",
        "table-prefix | cad-bridge | \"cad-bridge\" must start with a letter or '_' and may only contain letters, digits and '_' (at most 32); using cadbridge_",
        "table-prefix | 1st_       | \"1st_\" must start with a letter or '_' and may only contain letters, digits and '_' (at most 32); using cadbridge_",
        "server-name  | my server  | \"my server\" must be 1 to 64 letters, digits, '_', '.' or '-'; using default",
        "server-name  | ''         | \"\" must be 1 to 64 letters, digits, '_', '.' or '-'; using default",
    })
    void eachWrongValueIsNamedWithWhatIsAllowedAndTheDefaultIsUsed(String key, String value, String message) {
        LoadedConfig loaded = load("storage.type", key.equals("type") ? value : "mariadb", "storage." + key, value,
                "storage.password", PASSWORD);
        assertThat(loaded.problems()).containsExactly(new ConfigProblem("storage." + key, message));
        StorageConfig storage = loaded.config().storage();
        StorageConfig defaults = load("storage.type", key.equals("type") ? "h2" : "mariadb", "storage.password", PASSWORD)
                .config().storage();
        assertThat(storage).isEqualTo(defaults);
    }

    @Test
    void aHostWithCredentialsPastedIntoItIsRefusedWithoutRepeatingIt() {
        LoadedConfig loaded = load("storage.type", "mariadb", "storage.host", "root:" + PASSWORD + "@db.internal",
                "storage.password", PASSWORD);
        assertThat(loaded.problems()).containsExactly(new ConfigProblem("storage.host",
                "is not a host name or address (write only the name or IP, without spaces, '/', '?' or '@'); using localhost"));
        assertThat(loaded.config().storage().host()).isEqualTo("localhost");
    }

    @Test
    void noProblemAndNoDescriptionEverContainsThePassword() {
        LoadedConfig loaded = load(Map.of(StorageConfig.PASSWORD_ENV, PASSWORD + "-env"),
                "storage.type", "mariadb", "storage.host", "x@" + PASSWORD, "storage.password", List.of(PASSWORD),
                "storage.pool-size", 0, "storage.user", PASSWORD);
        assertThat(loaded.problems()).extracting(ConfigProblem::key).containsExactlyInAnyOrder(
                "storage.user", "storage.host", "storage.password", "storage.pool-size");
        assertThat(problemsText(loaded)).doesNotContain(PASSWORD);
        assertThat(loaded.config().storage().toString()).doesNotContain(PASSWORD);
        assertThat(loaded.config().storage().describeTarget()).doesNotContain(PASSWORD);
    }

    @Test
    void aPasswordThatIsNotOneValueIsReportedAndNoPasswordIsUsed() {
        LoadedConfig loaded = load("storage.type", "mariadb", "storage.password", Map.of("a", "b"));
        assertThat(loaded.problems()).containsExactly(
                new ConfigProblem("storage.password", "must be a single text value (quote it); using no password"));
        assertThat(loaded.config().storage().password()).isEmpty();
    }

    @Test
    void anUnknownKeyIsNamedSoAMisspellingIsNotSilentlyIgnored() {
        LoadedConfig loaded = load("storage.type", "mariadb", "storage.user", "minecraft");
        assertThat(loaded.problems()).containsExactly(new ConfigProblem("storage.user",
                "is not a storage setting and is ignored; the settings are type, host, port, database, username, password,"
                        + " pool-size, table-prefix, server-name"));
        assertThat(loaded.config().storage().user()).isEqualTo("cadbridge");
    }

    @Test
    void aStorageValueThatIsNotASectionFallsBackToH2() {
        LoadedConfig loaded = load("storage", "mariadb");
        assertThat(loaded.problems()).extracting(ConfigProblem::key).containsExactly("storage");
        assertThat(loaded.config().storage().type()).isEqualTo(StorageType.H2);
    }
}
