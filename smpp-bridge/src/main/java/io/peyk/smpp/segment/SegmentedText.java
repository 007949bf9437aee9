package io.peyk.smpp.segment;

import java.util.List;
import java.util.Objects;

import io.peyk.smpp.encoding.TextEncoding;

/**
 * An outgoing text ready for submission: the PDUs to send and the number of billable air-interface parts.
 *
 * @param encoding the alphabet of every body ({@link TextEncoding#dataCoding()} gives data_coding)
 * @param mode the concatenation method
 * @param reference the concatenation reference as carried on the wire ({@link ConcatMode#wireReference}); not
 *     used when there is a single PDU
 * @param segments the PDUs, in order
 * @param billableSegments air-interface parts; equals {@code segments().size()} except for
 *     {@link ConcatMode#MESSAGE_PAYLOAD}
 */
public record SegmentedText(TextEncoding encoding, ConcatMode mode, int reference, List<Segment> segments,
        int billableSegments) {

    public SegmentedText {
        Objects.requireNonNull(encoding, "encoding");
        Objects.requireNonNull(mode, "mode");
        segments = List.copyOf(segments);
        if (segments.isEmpty()) {
            throw new IllegalArgumentException("no segments");
        }
        if (billableSegments < segments.size() || billableSegments > Segment.MAX_TOTAL) {
            throw new IllegalArgumentException("billableSegments " + billableSegments + " invalid for "
                    + segments.size() + " PDUs");
        }
    }

    /** Whether the PDUs carry a UDH (esm_class UDHI 0x40 must then be set). */
    public boolean hasUdh() {
        return segments.get(0).hasUdh();
    }
}
