package io.peyk.billing.ledger;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

import io.peyk.billing.money.Money;

/**
 * Builds balanced multi-leg transfers and their reversals, and computes a transfer's canonical content hash. Plain Java:
 * everything here is checked before anything is sent, and PostgreSQL checks the balance again at commit.
 *
 * <h2>Canonical content</h2> The content hash is SHA-256 of these bytes (big-endian numbers; {@code str} = unsigned
 * 16-bit length of the UTF-8 bytes, then the bytes; {@code opt} = byte 0 when absent, or byte 1 then the value;
 * {@code uuid} = its 16 bytes, most significant first):
 *
 * <pre>
 * str("peyk.ledger.transfer.v1") str(code wire value) opt(uuid reverses) opt(uuid partner) opt(str period "YYYY-MM")
 * str(description) u8(leg count) then per leg, in order: uuid(account id) str(currency code) i64(signed minor amount)
 * </pre>
 *
 * The id is not part of the content: the hash tells a retry of a transfer (same id, same hash) from another transfer
 * under a reused id.
 */
public final class LedgerPostings {

    /** Most legs in one transfer. */
    public static final int MAX_LEGS = 64;
    /** Longest description, in characters (code points). */
    public static final int MAX_DESCRIPTION_CHARS = 500;

    static final String CONTENT_VERSION = "peyk.ledger.transfer.v1";

    private LedgerPostings() {
    }

    /** A builder of a transfer with this id and code. */
    public static Builder transfer(UUID id, TransferCode code) {
        return new Builder(id, code);
    }

    /**
     * The reversal of {@code original}: every leg negated in the same order, the same partner and period, code
     * {@link TransferCode#REVERSAL}, pointing at the original; {@code reason} becomes its description.
     */
    public static TransferRequest reversal(TransferRequest original, UUID reversalId, String reason) {
        Objects.requireNonNull(reason, "reason");
        if (reason.isBlank()) {
            throw new IllegalArgumentException("a reversal says why");
        }
        List<Leg> negated = new ArrayList<>(original.legs().size());
        for (Leg leg : original.legs()) {
            negated.add(leg.negate());
        }
        return new TransferRequest(reversalId, TransferCode.REVERSAL, Optional.of(original.id()), original.partner(),
                original.period(), reason, negated);
    }

    /**
     * Refuses legs that do not sum to zero in every currency ({@link LedgerException.Unbalanced}), or that move more than
     * {@link Long#MAX_VALUE} minor units one way in one currency.
     */
    public static void requireBalanced(List<Leg> legs) {
        Map<String, long[]> totals = new TreeMap<>();
        for (Leg leg : legs) {
            long[] debitsCredits = totals.computeIfAbsent(leg.amount().currency().code(), c -> new long[2]);
            long minor = leg.amount().minor();
            try {
                if (minor > 0) {
                    debitsCredits[0] = Math.addExact(debitsCredits[0], minor);
                } else {
                    debitsCredits[1] = Math.addExact(debitsCredits[1], -minor);
                }
            } catch (ArithmeticException e) {
                throw new IllegalArgumentException("a transfer moves at most " + Long.MAX_VALUE + " minor units of "
                        + leg.amount().currency() + " each way", e);
            }
        }
        for (Map.Entry<String, long[]> e : totals.entrySet()) {
            long debits = e.getValue()[0];
            long credits = e.getValue()[1];
            if (debits != credits) {
                throw new LedgerException.Unbalanced("debits " + debits + " and credits " + credits + " of "
                        + e.getKey() + " minor units differ", null);
            }
        }
    }

    static void requireDescription(String description) {
        if (description.codePointCount(0, description.length()) > MAX_DESCRIPTION_CHARS) {
            throw new IllegalArgumentException("a description has at most " + MAX_DESCRIPTION_CHARS + " characters");
        }
        for (int i = 0; i < description.length(); i++) {
            if (Character.isISOControl(description.charAt(i))) {
                throw new IllegalArgumentException("a description is one line without control characters");
            }
        }
    }

    /** SHA-256 of {@link #canonicalBytes(TransferRequest)}. */
    public static byte[] contentHash(TransferRequest transfer) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(canonicalBytes(transfer));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JRE has SHA-256", e);
        }
    }

    /** The canonical content of a transfer (see the class documentation). */
    public static byte[] canonicalBytes(TransferRequest transfer) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(128 + 40 * transfer.legs().size());
        string(out, CONTENT_VERSION);
        string(out, transfer.code().wire());
        optionalUuid(out, transfer.reverses());
        optionalUuid(out, transfer.partner());
        if (transfer.period().isPresent()) {
            out.write(1);
            string(out, transfer.period().get().toString());
        } else {
            out.write(0);
        }
        string(out, transfer.description());
        out.write(transfer.legs().size());
        for (Leg leg : transfer.legs()) {
            uuid(out, leg.account().id());
            string(out, leg.amount().currency().code());
            out.writeBytes(ByteBuffer.allocate(8).putLong(leg.amount().minor()).array());
        }
        return out.toByteArray();
    }

    private static void string(ByteArrayOutputStream out, String s) {
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        if (utf8.length > 0xFFFF) {
            throw new IllegalArgumentException("text too long for the canonical form");
        }
        out.write(utf8.length >>> 8);
        out.write(utf8.length & 0xFF);
        out.writeBytes(utf8);
    }

    private static void optionalUuid(ByteArrayOutputStream out, Optional<UUID> value) {
        if (value.isPresent()) {
            out.write(1);
            uuid(out, value.get());
        } else {
            out.write(0);
        }
    }

    private static void uuid(ByteArrayOutputStream out, UUID value) {
        out.writeBytes(ByteBuffer.allocate(16).putLong(value.getMostSignificantBits())
                .putLong(value.getLeastSignificantBits()).array());
    }

    /**
     * Collects the legs of one transfer: {@link #debit} and {@link #credit} take positive amounts, {@link #leg} a signed
     * one. {@link #build()} checks everything ({@link TransferRequest}), the balance per currency included.
     */
    public static final class Builder {

        private final UUID id;
        private final TransferCode code;
        private Optional<UUID> partner = Optional.empty();
        private Optional<YearMonth> period = Optional.empty();
        private String description = "";
        private final List<Leg> legs = new ArrayList<>();

        private Builder(UUID id, TransferCode code) {
            this.id = Objects.requireNonNull(id, "id");
            this.code = Objects.requireNonNull(code, "code");
        }

        public Builder partner(UUID partner) {
            this.partner = Optional.of(partner);
            return this;
        }

        public Builder period(YearMonth period) {
            this.period = Optional.of(period);
            return this;
        }

        public Builder description(String description) {
            this.description = Objects.requireNonNull(description, "description");
            return this;
        }

        /** Debits {@code account} (a positive amount). */
        public Builder debit(Account account, Money amount) {
            return leg(account, positive(amount));
        }

        /** Credits {@code account} (a positive amount, posted negative). */
        public Builder credit(Account account, Money amount) {
            return leg(account, positive(amount).negate());
        }

        /** A signed leg: positive = debit, negative = credit. */
        public Builder leg(Account account, Money signedAmount) {
            if (legs.size() == MAX_LEGS) {
                throw new IllegalArgumentException("a transfer has at most " + MAX_LEGS + " legs");
            }
            legs.add(new Leg(account, signedAmount));
            return this;
        }

        /** The transfer; refused when it does not balance per currency, or breaks another rule of {@link TransferRequest}. */
        public TransferRequest build() {
            return new TransferRequest(id, code, Optional.empty(), partner, period, description, legs);
        }

        private static Money positive(Money amount) {
            if (amount.signum() <= 0) {
                throw new IllegalArgumentException("debit and credit take a positive amount: " + amount);
            }
            return amount;
        }
    }
}
