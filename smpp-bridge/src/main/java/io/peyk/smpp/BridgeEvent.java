package io.peyk.smpp;

import java.time.Instant;
import java.util.Optional;

import io.peyk.smpp.pdu.MessageState;
import io.peyk.smpp.session.BindState;

/**
 * What the bridge reports back to the gateway. Events about one message carry the caller's {@code messageRef}; ids from
 * the SMSC are already normalised per connector, so a receipt's id equals the id its submit response carried.
 */
public sealed interface BridgeEvent {

    /** When the bridge saw it happen. */
    Instant at();

    /** A part was accepted by the SMSC ({@code submit_sm_resp} with ESME_ROK). */
    record PartSubmitted(String messageRef, String connector, int seq, int total, String smscMessageId, Instant at)
            implements
                BridgeEvent {
    }

    /**
     * A part was refused for good: a permanent {@code command_status}, or transient ones beyond the retry limit. The message
     * does not go out (other parts may already have).
     */
    record PartFailed(String messageRef, String connector, int seq, int total, int commandStatus, String reason, Instant at)
            implements
                BridgeEvent {
    }

    /**
     * A part handed back unsent: the bridge shut down, or its connector had no bind for it in time. Nothing reached the
     * SMSC, so the caller may submit the message again.
     */
    record PartReturned(String messageRef, String connector, int seq, int total, String reason, Instant at)
            implements
                BridgeEvent {
    }

    /** A delivery receipt matched to the part it reports on. */
    record PartReceipt(String messageRef, String connector, int seq, int total, String smscMessageId, MessageState state,
            Optional<String> errorCode, Instant at) implements BridgeEvent {
    }

    /**
     * A message reached its final state by the connector's multipart receipt policy; a gateway that persists part states
     * computes the same with {@link io.peyk.smpp.delivery.MultipartOutcome}.
     */
    record MessageFinal(String messageRef, String connector, MessageState state, Instant at) implements BridgeEvent {
    }

    /** A receipt whose id matches no part this bridge (or its part-id store) knows: kept and counted, never dropped. */
    record UnmatchedReceipt(String connector, String smscMessageId, MessageState state, Optional<String> errorCode,
            Instant at) implements BridgeEvent {
    }

    /**
     * A mobile-originated message, reassembled from its parts and decoded. {@code complete} is false when parts were
     * missing when its reassembly window ran out.
     */
    record InboundSms(String connector, String source, String destination, String text, int dataCoding, int parts,
            boolean complete, Instant at) implements BridgeEvent {

        @Override
        public String toString() {
            return "InboundSms[connector=" + connector + ", destination=" + destination + ", parts=" + parts + ", complete="
                    + complete + "]";
        }
    }

    /** A bind changed state; {@code reason} says why in operator terms. */
    record BindStateChanged(String connector, String bind, BindState state, String reason, Instant at) implements BridgeEvent {
    }
}
