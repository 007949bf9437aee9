package io.peyk.smpp.receipt;

import java.time.LocalDateTime;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

import io.peyk.smpp.pdu.MessageState;

/**
 * A parsed delivery receipt. The receipt's {@code text:} field is never kept. Dates are the SMSC's local time as
 * written in the receipt (no zone is carried on the wire).
 *
 * @param messageId the SMSC message id as received (trimmed); normalise with {@link MessageIdNormalizer#fromReceipt}
 * @param state the reported state; {@link MessageState#UNKNOWN} when the receipt carried none
 * @param errorCode the {@code err:} field (usually 3 characters)
 * @param networkError the network_error_code TLV
 * @param submitDate the {@code submit date:} field
 * @param doneDate the {@code done date:} field
 * @param submitted the {@code sub:} field
 * @param delivered the {@code dlvrd:} field
 * @param source where the id and state came from
 */
public record DeliveryReceipt(String messageId, MessageState state, Optional<String> errorCode,
        Optional<NetworkError> networkError, Optional<LocalDateTime> submitDate, Optional<LocalDateTime> doneDate,
        OptionalInt submitted, OptionalInt delivered, Source source) {

    /** Where a receipt's values came from. */
    public enum Source {
        /** TLVs only (the text was empty or contributed nothing). */
        TLV,
        /** The text only. */
        TEXT,
        /** TLVs for some values, the text for others; on conflict the TLV value was used. */
        BOTH
    }

    public DeliveryReceipt {
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(errorCode, "errorCode");
        Objects.requireNonNull(networkError, "networkError");
        Objects.requireNonNull(submitDate, "submitDate");
        Objects.requireNonNull(doneDate, "doneDate");
        Objects.requireNonNull(submitted, "submitted");
        Objects.requireNonNull(delivered, "delivered");
        Objects.requireNonNull(source, "source");
        if (!MessageIdNormalizer.isAcceptable(messageId)) {
            throw new IllegalArgumentException("messageId blank or longer than " + MessageIdNormalizer.MAX_LENGTH);
        }
    }
}
