package io.peyk.gateway.observability;

import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A W3C Trace Context {@code traceparent} (version 00): a 16-byte trace id shared by every hop of one request's
 * journey, the 8-byte id of the span (hop) that sent it, and the sampled flag. Ids are lower-case hex; all-zero ids are
 * invalid. Peyk continues a valid incoming trace and starts a new one otherwise.
 *
 * @param traceId 32 lower-case hex digits, not all zero
 * @param spanId 16 lower-case hex digits, not all zero
 * @param sampled the trace-flags' sampled bit
 */
public record TraceParent(String traceId, String spanId, boolean sampled) {

    /** The header that carries it, in requests and in Peyk's webhook calls. */
    public static final String HEADER = "traceparent";

    private static final HexFormat HEX = HexFormat.of();
    private static final String ZERO_TRACE = "0".repeat(32);
    private static final String ZERO_SPAN = "0".repeat(16);
    /** Longest header looked at: version 00 is 55 characters; later versions may append fields. */
    private static final int MAX_HEADER = 256;

    public TraceParent {
        if (!isHex(traceId, 32) || traceId.equals(ZERO_TRACE)) {
            throw new IllegalArgumentException("trace id must be 32 lower-case hex digits, not all zero");
        }
        if (!isHex(spanId, 16) || spanId.equals(ZERO_SPAN)) {
            throw new IllegalArgumentException("span id must be 16 lower-case hex digits, not all zero");
        }
    }

    /**
     * Reads a {@code traceparent} header; empty when it is absent or invalid (the caller then starts a new trace).
     * Version {@code ff} is invalid; versions above 00 are read by their first four fields, as the specification asks.
     */
    public static Optional<TraceParent> parse(String header) {
        if (header == null || header.length() < 55 || header.length() > MAX_HEADER) {
            return Optional.empty();
        }
        String version = header.substring(0, 2);
        if (!isHex(version, 2) || version.equals("ff") || (version.equals("00") && header.length() != 55)) {
            return Optional.empty();
        }
        if (header.charAt(2) != '-' || header.charAt(35) != '-' || header.charAt(52) != '-'
                || (header.length() > 55 && header.charAt(55) != '-')) {
            return Optional.empty();
        }
        String traceId = header.substring(3, 35);
        String spanId = header.substring(36, 52);
        String flags = header.substring(53, 55);
        if (!isHex(flags, 2) || !isHex(traceId, 32) || !isHex(spanId, 16) || traceId.equals(ZERO_TRACE)
                || spanId.equals(ZERO_SPAN)) {
            return Optional.empty();
        }
        return Optional.of(new TraceParent(traceId, spanId, (HEX.fromHexDigits(flags) & 1) == 1));
    }

    /** A new trace, sampled, with a random trace id and span id. */
    public static TraceParent newTrace() {
        return new TraceParent(randomHex(16), randomHex(8), true);
    }

    /** A hop inside this trace: same trace id and flags, a new span id. */
    public TraceParent child() {
        return new TraceParent(traceId, randomHex(8), sampled);
    }

    /** The header value: {@code 00-<trace id>-<span id>-<flags>}. */
    public String header() {
        return "00-" + traceId + "-" + spanId + (sampled ? "-01" : "-00");
    }

    private static String randomHex(int bytes) {
        byte[] b = new byte[bytes];
        ThreadLocalRandom random = ThreadLocalRandom.current();
        do {
            random.nextBytes(b);
        } while (allZero(b));
        return HEX.formatHex(b);
    }

    private static boolean allZero(byte[] b) {
        for (byte x : b) {
            if (x != 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean isHex(String s, int length) {
        if (s == null || s.length() != length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            char c = s.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                return false;
            }
        }
        return true;
    }
}
