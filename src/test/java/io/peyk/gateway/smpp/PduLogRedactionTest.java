package io.peyk.gateway.smpp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.logging.Level;
import java.util.logging.LogRecord;

import org.junit.jupiter.api.Test;

/** PDU hex in jSMPP's records is replaced by its size; short ids and sequence numbers stay. */
class PduLogRedactionTest {

    @Test
    void pduHexBecomesItsSize() {
        assertThat(PduLogRedaction.redact("Sending PDU 000000770000000400000000000000020003013330303000"))
                .isEqualTo("Sending PDU <24 bytes, not logged>");
        assertThat(PduLogRedaction.redact("Received PDU in session 56818f64 in state BOUND_TRX: "
                + "000000188000000400000000000000023130303030303000"))
                .isEqualTo("Received PDU in session 56818f64 in state BOUND_TRX: <24 bytes, not logged>");
        assertThat(PduLogRedaction.redact("Sending response with message_id 1000000 for request with sequence 2"))
                .isEqualTo("Sending response with message_id 1000000 for request with sequence 2");
        LogRecord record = new LogRecord(Level.FINE, "Sending PDU {0}");
        record.setParameters(new Object[]{"0000007700000004000000000000000200030133"});
        record.setMessage("Sending PDU 0000007700000004000000000000000200030133");
        record.setParameters(null);
        assertThat(PduLogRedaction.REDACT.isLoggable(record)).isTrue();
        assertThat(record.getMessage()).isEqualTo("Sending PDU <20 bytes, not logged>");
    }
}
