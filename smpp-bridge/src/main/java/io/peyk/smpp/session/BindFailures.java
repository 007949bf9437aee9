package io.peyk.smpp.session;

import java.io.IOException;

import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;

import org.jsmpp.extra.NegativeResponseException;

import io.peyk.smpp.pdu.CommandStatus;

/**
 * Reads why a bind failed out of jSMPP's exceptions: the SMSC's command_status when it answered at all, or the TLS
 * handshake's failure (an untrusted certificate, a certificate for another host, a peer that does not speak TLS).
 */
final class BindFailures {

    static final int NO_STATUS = -1;

    private BindFailures() {
    }

    static int commandStatus(IOException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof NegativeResponseException negative) {
                return negative.getCommandStatus();
            }
        }
        return NO_STATUS;
    }

    static String describe(IOException e, int status) {
        if (status != NO_STATUS) {
            return CommandStatus.describe(status);
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SSLException tls) {
                return (tls instanceof SSLHandshakeException ? "TLS handshake failed: " : "TLS failed: ") + tls.getMessage();
            }
        }
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }
}
