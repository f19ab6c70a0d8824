package dev.cadbridge.storage;

/** Saving an identity failed because another player already has that CAD id. Nothing was changed. */
public final class CadIdTakenException extends StorageException {
    private final String cadId;

    public CadIdTakenException(String cadId) {
        super("CAD id '" + cadId + "' is already bound to another player; unbind it there first");
        this.cadId = cadId;
    }

    public String cadId() {
        return cadId;
    }
}
