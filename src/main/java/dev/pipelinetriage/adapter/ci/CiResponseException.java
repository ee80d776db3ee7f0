package dev.pipelinetriage.adapter.ci;

/** A CI answered 2xx with something that is not the documented shape: a bug or an API change, not a user error. */
public final class CiResponseException extends RuntimeException {
    public CiResponseException(String message) {
        super(message);
    }
}
