package io.peyk.smpp;

/** The {@code registered_delivery} value a submit carries: which SMSC delivery receipts to send back. */
public enum ReceiptRequest {

    NONE(0x00), SUCCESS_AND_FAILURE(0x01), FAILURE_ONLY(0x02);

    private final int wireValue;

    ReceiptRequest(int wireValue) {
        this.wireValue = wireValue;
    }

    /** The {@code registered_delivery} byte. */
    public byte wireValue() {
        return (byte) wireValue;
    }
}
