package io.peyk.smpp.session;

/**
 * An SMPP address with its type of number and numbering plan, derived from how Peyk writes addresses: {@code +E.164} is
 * international/ISDN without the plus, digits alone are a national short code or number, anything else is alphanumeric.
 */
record SmppAddress(byte ton, byte npi, String address) {

    static final byte TON_UNKNOWN = 0x00;
    static final byte TON_INTERNATIONAL = 0x01;
    static final byte TON_NATIONAL = 0x02;
    static final byte TON_NETWORK_SPECIFIC = 0x03;
    static final byte TON_ALPHANUMERIC = 0x05;
    static final byte NPI_UNKNOWN = 0x00;
    static final byte NPI_ISDN = 0x01;

    /** SMPP 3.4 limits source_addr and destination_addr to 20 characters. */
    static final int MAX_LENGTH = 20;
    /** Alphanumeric sender ids show at most 11 characters on handsets. */
    static final int MAX_ALPHANUMERIC_LENGTH = 11;

    static SmppAddress of(String address) {
        if (address.startsWith("+") && address.length() > 1 && address.substring(1).chars().allMatch(Character::isDigit)) {
            return checked(new SmppAddress(TON_INTERNATIONAL, NPI_ISDN, address.substring(1)));
        }
        if (!address.isEmpty() && address.chars().allMatch(Character::isDigit)) {
            byte ton = address.length() <= 8 ? TON_NETWORK_SPECIFIC : TON_NATIONAL;
            return checked(new SmppAddress(ton, NPI_ISDN, address));
        }
        if (address.isEmpty() || address.length() > MAX_ALPHANUMERIC_LENGTH) {
            throw new IllegalArgumentException("alphanumeric address must have 1.." + MAX_ALPHANUMERIC_LENGTH + " characters");
        }
        return new SmppAddress(TON_ALPHANUMERIC, NPI_UNKNOWN, address);
    }

    private static SmppAddress checked(SmppAddress a) {
        if (a.address.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("address longer than " + MAX_LENGTH + " digits");
        }
        return a;
    }

    /** The address as Peyk writes it: international numbers get their plus back. */
    static String toPeyk(byte ton, String address) {
        if (ton == TON_INTERNATIONAL && !address.startsWith("+")) {
            return "+" + address;
        }
        return address;
    }
}
