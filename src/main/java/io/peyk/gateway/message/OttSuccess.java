package io.peyk.gateway.message;

import java.util.Locale;
import java.util.Optional;

/** The acknowledgement from the app that ends the OTT hop successfully. */
public enum OttSuccess {

    DELIVERED, READ;

    /** {@code delivered} or {@code read}, any case. */
    public static Optional<OttSuccess> parse(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        return switch (raw.toLowerCase(Locale.ROOT)) {
            case "delivered" -> Optional.of(DELIVERED);
            case "read" -> Optional.of(READ);
            default -> Optional.empty();
        };
    }
}
