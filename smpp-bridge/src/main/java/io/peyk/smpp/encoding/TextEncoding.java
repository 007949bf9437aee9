package io.peyk.smpp.encoding;

/**
 * An alphabet Peyk uses to send text over SMPP, with its {@code data_coding} value and its per-message capacity in
 * units (septets for GSM-7, UTF-16 code units for UCS-2).
 *
 * <p>
 * Capacities derive from the 140-octet user data of one SMS: GSM-7 fits {@code floor((140 - udh) * 8 / 7)} septets,
 * UCS-2 fits {@code floor((140 - udh) / 2)} code units.
 */
public enum TextEncoding {

    /** GSM 03.38 default alphabet plus extension table, sent unpacked (one septet per octet), data_coding 0x00. */
    GSM7(0x00, 160, 153, 152),
    /** UCS-2 (UTF-16BE code units, no BOM), data_coding 0x08. */
    UCS2(0x08, 70, 67, 66);

    /** Largest UDH length accepted by {@link #unitsPerPart(int)}; leaves room for at least 2 units. */
    public static final int MAX_UDH_OCTETS = 136;

    private static final int USER_DATA_OCTETS = 140;

    private final int dataCoding;
    private final int singleMessageUnits;
    private final int unitsPerPart6ByteUdh;
    private final int unitsPerPart7ByteUdh;

    TextEncoding(int dataCoding, int singleMessageUnits, int unitsPerPart6ByteUdh, int unitsPerPart7ByteUdh) {
        this.dataCoding = dataCoding;
        this.singleMessageUnits = singleMessageUnits;
        this.unitsPerPart6ByteUdh = unitsPerPart6ByteUdh;
        this.unitsPerPart7ByteUdh = unitsPerPart7ByteUdh;
    }

    /** The SMPP {@code data_coding} value for this encoding. */
    public int dataCoding() {
        return dataCoding;
    }

    /** Units that fit one unsegmented message (160 / 70). */
    public int singleMessageUnits() {
        return singleMessageUnits;
    }

    /** Units per part with a 6-octet UDH (IEI 0x00, 8-bit reference), also used for SAR parts (153 / 67). */
    public int unitsPerPart6ByteUdh() {
        return unitsPerPart6ByteUdh;
    }

    /** Units per part with a 7-octet UDH (IEI 0x08, 16-bit reference) (152 / 66). */
    public int unitsPerPart7ByteUdh() {
        return unitsPerPart7ByteUdh;
    }

    /**
     * Units that fit beside a UDH of {@code udhOctets} octets (length byte included); 0 gives the single-message
     * capacity.
     *
     * @throws IllegalArgumentException if {@code udhOctets} is outside 0..{@value #MAX_UDH_OCTETS}
     */
    public int unitsPerPart(int udhOctets) {
        if (udhOctets < 0 || udhOctets > MAX_UDH_OCTETS) {
            throw new IllegalArgumentException("udhOctets must be in 0.." + MAX_UDH_OCTETS + ": " + udhOctets);
        }
        int octets = USER_DATA_OCTETS - udhOctets;
        return this == GSM7 ? octets * 8 / 7 : octets / 2;
    }

    /**
     * The encoding sent with the given {@code data_coding}.
     *
     * @throws IllegalArgumentException for any value other than 0x00 and 0x08
     */
    public static TextEncoding ofDataCoding(int dataCoding) {
        for (TextEncoding e : values()) {
            if (e.dataCoding == dataCoding) {
                return e;
            }
        }
        throw new IllegalArgumentException("no sending encoding for data_coding 0x" + Integer.toHexString(dataCoding));
    }
}
