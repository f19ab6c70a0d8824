package dev.cadbridge.doctor;

import dev.cadbridge.storage.StorageStatus;
import dev.cadbridge.storage.StorageType;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** The database answers a query now, and its schema is migrated. Shows where the data lives, never the password. */
final class StorageCheck implements DoctorCheck {

    @Override
    public String label() {
        return "Storage";
    }

    @Override
    public CompletableFuture<CheckResult> run(DoctorContext context) {
        Optional<StorageStatus> found = context.storage();
        if (found.isEmpty()) {
            return ApiKeyCheck.done(CheckResult.warn("none; identities are kept in memory and unsent operations are lost at shutdown", null));
        }
        StorageStatus storage = found.get();
        String fix = (storage.backend() == StorageType.H2
                ? "check the disk and that no other server uses this file"
                : "check that the database is running and the storage: settings") + "; CadBridge reconnects by itself";
        switch (storage.connection()) {
            case UNAVAILABLE -> {
                return ApiKeyCheck.done(CheckResult.fail("unreachable: " + storage.target() + lastError(storage), fix));
            }
            case CONNECTING -> {
                return ApiKeyCheck.done(CheckResult.warn("still connecting to " + storage.target(), "run /cad doctor again in a moment"));
            }
            case REACHABLE -> { }
        }
        if (!storage.schemaReady()) {
            return ApiKeyCheck.done(CheckResult.fail("reachable, but the schema is not migrated yet: " + storage.target() + lastError(storage),
                    "if this lasts, the console says why the migration does not finish"));
        }
        return context.queryStorage().handle((stored, error) -> error == null
                ? CheckResult.pass("reachable and migrated: " + storage.target())
                : CheckResult.fail("a query failed just now: " + storage.target() + " (" + rootMessage(error) + ")", fix));
    }

    private static String lastError(StorageStatus storage) {
        return storage.lastError() == null ? "" : " (" + storage.lastError() + ")";
    }

    private static String rootMessage(Throwable error) {
        Throwable cause = error;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause.getClass().getSimpleName();
    }
}
