package io.peyk.smpp.session;

/** Where one bind (one SMPP session, or a transmitter/receiver pair) is in its life. */
public enum BindState {

    /** Opening the TCP connection and sending the bind. */
    CONNECTING,
    /** Bound: submits flow. */
    BOUND,
    /** Bound, but paused after ESME_RTHROTTLED, ESME_RMSGQFUL or ESME_RSYSERR; resumes after its backoff. */
    THROTTLED,
    /** Not bound: waiting out the rebind backoff after a lost or refused bind. */
    BACKING_OFF,
    /** Unbinding for shutdown. */
    UNBINDING,
    /** Closed for good (the bridge is shutting down). */
    CLOSED;

    /** Whether submits can be sent in this state (now, or after a throttling pause). */
    public boolean isBound() {
        return this == BOUND || this == THROTTLED;
    }
}
