package io.peyk.smpp;

/**
 * No connector can take this destination now: none is routed for it, or every routed one is down. Retry later when
 * {@link #retryable()} is true; otherwise the destination has no route at all and the message must be rejected.
 */
public final class NoRouteException extends RuntimeException {

    private final boolean retryable;

    public NoRouteException(String message, boolean retryable) {
        super(message);
        this.retryable = retryable;
    }

    public boolean retryable() {
        return retryable;
    }
}
