package io.peyk.smpp.simulator;

/** Which parts of a concatenated message get a receipt from the simulator. */
public enum ReceiptParts {
    EVERY_PART, LAST_PART_ONLY
}
