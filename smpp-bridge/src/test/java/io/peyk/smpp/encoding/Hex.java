package io.peyk.smpp.encoding;

import java.util.HexFormat;

/** Hex golden-value helper for tests: parses hex with optional spaces, prints upper-case without separators. */
public final class Hex {

    private Hex() {
    }

    /** Bytes of a hex string; spaces are ignored. */
    public static byte[] bytes(String hex) {
        return HexFormat.of().parseHex(hex.replace(" ", ""));
    }

    /** Upper-case hex of {@code bytes}, no separators. */
    public static String of(byte[] bytes) {
        return HexFormat.of().withUpperCase().formatHex(bytes);
    }
}
