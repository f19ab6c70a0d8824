package dev.cadbridge.storage;

/** A storage operation failed; the message says what and why, without credentials. */
public class StorageException extends RuntimeException {
    public StorageException(String message, Throwable cause) {
        super(message, cause);
    }

    public StorageException(String message) {
        super(message);
    }
}
