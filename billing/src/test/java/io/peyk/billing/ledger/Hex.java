package io.peyk.billing.ledger;

import java.util.HexFormat;

/** Hex for golden values in tests. */
final class Hex {

    private Hex() {
    }

    static String of(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
