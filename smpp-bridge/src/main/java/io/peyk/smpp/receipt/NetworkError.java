package io.peyk.smpp.receipt;

/**
 * The network_error_code TLV (0x0423): the network type (1 ANSI-136, 2 IS-95, 3 GSM, ...) and the 16-bit error code
 * that network reported.
 *
 * @param networkType 0..255
 * @param errorCode 0..65535
 */
public record NetworkError(int networkType, int errorCode) {

    public NetworkError {
        if (networkType < 0 || networkType > 0xFF) {
            throw new IllegalArgumentException("networkType out of range 0..255: " + networkType);
        }
        if (errorCode < 0 || errorCode > 0xFFFF) {
            throw new IllegalArgumentException("errorCode out of range 0..65535: " + errorCode);
        }
    }
}
