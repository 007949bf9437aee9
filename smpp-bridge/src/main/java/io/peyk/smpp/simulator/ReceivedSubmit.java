package io.peyk.smpp.simulator;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * One submit_sm the simulator accepted or refused, as it arrived: for tests to assert on bytes, order and addressing.
 *
 * @param systemId the bind's system_id
 * @param messageId the id the simulator answered with; empty when it answered with an error
 * @param commandStatus the status it answered with
 * @param tlvs the optional parameters by tag, raw values
 */
public record ReceivedSubmit(String systemId, String sourceAddr, int sourceTon, String destinationAddr, int destinationTon,
        int esmClass, int dataCoding, int registeredDelivery, String validityPeriod, byte[] shortMessage,
        Map<Integer, byte[]> tlvs, Optional<String> messageId, int commandStatus, Instant receivedAt) {

    /** Whether the short_message starts with a UDH (esm_class UDHI). */
    public boolean hasUdh() {
        return (esmClass & 0x40) != 0;
    }

    @Override
    public String toString() {
        return "ReceivedSubmit[dest=" + destinationAddr + ", esm=" + esmClass + ", dcs=" + dataCoding + ", bytes="
                + shortMessage.length + ", id=" + messageId.orElse("-") + ", status=" + commandStatus + "]";
    }
}
