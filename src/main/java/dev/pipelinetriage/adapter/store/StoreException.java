package dev.pipelinetriage.adapter.store;

/** The state store failed unexpectedly (disk, lock, corrupt file). Callers fail closed. */
public final class StoreException extends RuntimeException {
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
