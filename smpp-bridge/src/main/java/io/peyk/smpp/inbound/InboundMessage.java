package io.peyk.smpp.inbound;

import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * A reassembled MO message: the concatenated user data of its parts in sequence order, without UDH. A message handed
 * out by expiry or eviction is partial ({@code complete == false}): its body joins the parts that did arrive. A
 * message with an unparseable UDH is delivered as one part with its raw octets and {@code malformedHeader == true}.
 * {@link #toString()} prints no content.
 *
 * @param source source_addr
 * @param destination destination_addr
 * @param dataCoding data_coding of the first part received
 * @param body the octets to decode with {@code dataCoding}
 * @param parts number of distinct parts joined
 * @param expectedParts number of parts announced (1 for a message that was not concatenated)
 * @param complete whether all announced parts arrived
 * @param malformedHeader whether the UDH or SAR values were inconsistent and the raw octets were kept
 * @param firstPartAt when the first part was received
 * @param completedAt when the last part was received, or when the partial message was expired or evicted
 */
public record InboundMessage(String source, String destination, int dataCoding, byte[] body, int parts,
        int expectedParts, boolean complete, boolean malformedHeader, Instant firstPartAt, Instant completedAt) {

    public InboundMessage {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(firstPartAt, "firstPartAt");
        Objects.requireNonNull(completedAt, "completedAt");
        if (parts < 1 || parts > expectedParts) {
            throw new IllegalArgumentException("parts " + parts + " not in 1.." + expectedParts);
        }
        if (complete != (parts == expectedParts)) {
            throw new IllegalArgumentException("complete must mean parts == expectedParts");
        }
        body = body.clone();
    }

    @Override
    public byte[] body() {
        return body.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof InboundMessage m && source.equals(m.source) && destination.equals(m.destination)
                && dataCoding == m.dataCoding && Arrays.equals(body, m.body) && parts == m.parts
                && expectedParts == m.expectedParts && complete == m.complete && malformedHeader == m.malformedHeader
                && firstPartAt.equals(m.firstPartAt) && completedAt.equals(m.completedAt);
    }

    @Override
    public int hashCode() {
        return Objects.hash(source, destination, dataCoding, Arrays.hashCode(body), parts, expectedParts, complete,
                malformedHeader, firstPartAt, completedAt);
    }

    @Override
    public String toString() {
        return "InboundMessage[dataCoding=" + dataCoding + ", body=" + body.length + " bytes, parts=" + parts + "/"
                + expectedParts + ", complete=" + complete + ", malformedHeader=" + malformedHeader + ", firstPartAt="
                + firstPartAt + ", completedAt=" + completedAt + "]";
    }
}
