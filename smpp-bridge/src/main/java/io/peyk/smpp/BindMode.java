package io.peyk.smpp;

/** How a connector binds: one transceiver session per bind, or a transmitter plus a receiver session per bind. */
public enum BindMode {
    TRANSCEIVER, TRANSMITTER_RECEIVER
}
