package io.peyk.smpp;

/** Counters since start, for metrics an operator alerts on. */
public record BridgeStats(long partsSubmitted, long partsFailed, long partsReturned, long throttled, long receiptsMatched,
        long receiptsUnmatched, long receiptsUnparseable, long inboundMessages, long inboundIncomplete,
        long listenerErrors) {
}
