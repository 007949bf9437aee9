package io.peyk.smpp;

/** The bridge cannot take the message now (its connector's queue is full): keep it and submit it again later. */
public final class BridgeBusyException extends RuntimeException {

    public BridgeBusyException(String message) {
        super(message);
    }
}
