package io.peyk.smpp.simulator;

/** Which fields the simulator's receipts carry: the SMPP 3.4 Appendix B text, the TLVs, or both. */
public enum ReceiptStyle {
    TEXT, TLV, TEXT_AND_TLV
}
