package io.peyk.smpp.inbound;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Joins concatenated MO parts into messages. Parts are grouped by (source, destination, scheme, reference, total),
 * where the scheme is UDH IEI 0x00, UDH IEI 0x08 or SAR TLVs; a UDH wins over SAR TLVs on the same part. A repeated
 * sequence number is ignored (the first copy is kept). A group completes when every sequence number 1..total has
 * arrived. A late copy of a part of a message completed less than {@code timeout} ago (same group key, same sequence
 * number, same octets) is ignored too, so an SMSC retransmission does not open a ghost group; the last
 * {@code maxPendingGroups} completed groups are remembered for this (a hash of each part's octets).
 * <p>
 * Nothing is dropped silently: at most {@code maxPendingGroups} groups are held; opening one more evicts the oldest
 * (first opened) group as a partial message returned in {@link OfferResult#evicted()}; {@link #expire(Instant)} hands
 * out, as partial messages, the groups whose first part is at least {@code timeout} older than {@code now}.
 * <p>
 * Memory is bounded by {@code maxPendingGroups} × 255 parts × the part size limits of {@link InboundPart}, plus
 * {@code maxPendingGroups} remembered completed groups of at most 255 hashes each.
 * Thread-safe.
 */
public final class InboundReassembler {

    /** Upper bound accepted for {@code maxPendingGroups}. */
    public static final int MAX_PENDING_GROUPS_LIMIT = 1_000_000;

    private record GroupKey(String source, String destination, Segment.Scheme scheme, int ref, int total) {
    }

    private static final class Group {

        final byte[][] bodies;
        final int dataCoding;
        int received;
        Instant firstPartAt;
        Instant lastPartAt;

        Group(int total, int dataCoding, Instant at) {
            this.bodies = new byte[total][];
            this.dataCoding = dataCoding;
            this.firstPartAt = at;
            this.lastPartAt = at;
        }
    }

    private record Completed(Instant completedAt, int[] bodyHashes) {
    }

    private final int maxPendingGroups;
    private final Duration timeout;
    private final LinkedHashMap<GroupKey, Group> pending = new LinkedHashMap<>();
    private final LinkedHashMap<GroupKey, Completed> recentlyCompleted = new LinkedHashMap<>();
    private long duplicatesIgnored;

    /**
     * @param maxPendingGroups incomplete groups held at once, 1..{@value #MAX_PENDING_GROUPS_LIMIT}
     * @param timeout how long after its first part an incomplete group is handed out by {@link #expire(Instant)}
     */
    public InboundReassembler(int maxPendingGroups, Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        if (maxPendingGroups < 1 || maxPendingGroups > MAX_PENDING_GROUPS_LIMIT) {
            throw new IllegalArgumentException(
                    "maxPendingGroups must be in 1.." + MAX_PENDING_GROUPS_LIMIT + ": " + maxPendingGroups);
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive: " + timeout);
        }
        this.maxPendingGroups = maxPendingGroups;
        this.timeout = timeout;
    }

    /** Accepts one part; see {@link OfferResult}. */
    public synchronized OfferResult offer(InboundPart part) {
        Objects.requireNonNull(part, "part");
        Segment segment = Segment.of(part);
        Instant at = part.receivedAt();
        if (!segment.isConcatenated()) {
            return new OfferResult(Optional.of(new InboundMessage(part.source(), part.destination(), part.dataCoding(),
                    segment.body(), 1, 1, true, segment.malformed(), at, at)), List.of());
        }
        GroupKey key = new GroupKey(part.source(), part.destination(), segment.scheme(), segment.ref(), segment.total());
        Group group = pending.get(key);
        List<InboundMessage> evicted = List.of();
        if (group == null && isLateDuplicate(key, segment, at)) {
            duplicatesIgnored++;
            return OfferResult.NOTHING;
        }
        if (group == null) {
            if (pending.size() >= maxPendingGroups) {
                Iterator<Map.Entry<GroupKey, Group>> eldest = pending.entrySet().iterator();
                Map.Entry<GroupKey, Group> entry = eldest.next();
                eldest.remove();
                evicted = List.of(message(entry.getKey(), entry.getValue(), at));
            }
            group = new Group(segment.total(), part.dataCoding(), at);
            pending.put(key, group);
        }
        int index = segment.seq() - 1;
        if (group.bodies[index] != null) {
            duplicatesIgnored++;
            return evicted.isEmpty() ? OfferResult.NOTHING : new OfferResult(Optional.empty(), evicted);
        }
        group.bodies[index] = segment.body();
        group.received++;
        if (at.isBefore(group.firstPartAt)) {
            group.firstPartAt = at;
        }
        if (at.isAfter(group.lastPartAt)) {
            group.lastPartAt = at;
        }
        if (group.received < group.bodies.length) {
            return new OfferResult(Optional.empty(), evicted);
        }
        pending.remove(key);
        remember(key, group);
        return new OfferResult(Optional.of(message(key, group, group.lastPartAt)), evicted);
    }

    private boolean isLateDuplicate(GroupKey key, Segment segment, Instant at) {
        Completed completed = recentlyCompleted.get(key);
        return completed != null && completed.completedAt.plus(timeout).isAfter(at)
                && completed.bodyHashes[segment.seq() - 1] == Arrays.hashCode(segment.body());
    }

    private void remember(GroupKey key, Group group) {
        int[] hashes = new int[group.bodies.length];
        for (int i = 0; i < hashes.length; i++) {
            hashes[i] = Arrays.hashCode(group.bodies[i]);
        }
        recentlyCompleted.remove(key);
        if (recentlyCompleted.size() >= maxPendingGroups) {
            Iterator<GroupKey> eldest = recentlyCompleted.keySet().iterator();
            eldest.next();
            eldest.remove();
        }
        recentlyCompleted.put(key, new Completed(group.lastPartAt, hashes));
    }

    /**
     * Removes and returns, as partial messages in the order their groups were opened, the incomplete groups whose first
     * part was received at or before {@code now - timeout}.
     */
    public synchronized List<InboundMessage> expire(Instant now) {
        Objects.requireNonNull(now, "now");
        Instant cutoff = now.minus(timeout);
        List<InboundMessage> out = new ArrayList<>();
        Iterator<Map.Entry<GroupKey, Group>> it = pending.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<GroupKey, Group> entry = it.next();
            if (!entry.getValue().firstPartAt.isAfter(cutoff)) {
                it.remove();
                out.add(message(entry.getKey(), entry.getValue(), now));
            }
        }
        recentlyCompleted.values().removeIf(c -> !c.completedAt.isAfter(cutoff));
        return out;
    }

    /** Number of parts ignored as duplicates since construction. */
    public synchronized long duplicatesIgnored() {
        return duplicatesIgnored;
    }

    /** Number of incomplete groups held. */
    public synchronized int pendingGroups() {
        return pending.size();
    }

    private static InboundMessage message(GroupKey key, Group group, Instant completedAt) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (byte[] part : group.bodies) {
            if (part != null) {
                body.writeBytes(part);
            }
        }
        return new InboundMessage(key.source(), key.destination(), group.dataCoding, body.toByteArray(), group.received,
                key.total(), group.received == key.total(), false, group.firstPartAt, completedAt);
    }
}
