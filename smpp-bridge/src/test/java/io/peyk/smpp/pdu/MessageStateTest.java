package io.peyk.smpp.pdu;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MessageStateTest {

    @Test
    void tlvValuesMatchTheSpecification() {
        assertThat(MessageState.ENROUTE.value()).isEqualTo((byte) 1);
        assertThat(MessageState.DELIVERED.value()).isEqualTo((byte) 2);
        assertThat(MessageState.EXPIRED.value()).isEqualTo((byte) 3);
        assertThat(MessageState.DELETED.value()).isEqualTo((byte) 4);
        assertThat(MessageState.UNDELIVERABLE.value()).isEqualTo((byte) 5);
        assertThat(MessageState.ACCEPTED.value()).isEqualTo((byte) 6);
        assertThat(MessageState.UNKNOWN.value()).isEqualTo((byte) 7);
        assertThat(MessageState.REJECTED.value()).isEqualTo((byte) 8);
        assertThat(MessageState.SKIPPED.value()).isEqualTo((byte) 9);
        for (MessageState s : MessageState.values()) {
            assertThat(MessageState.ofValue(s.value())).contains(s);
        }
    }

    @Test
    void unknownTlvValuesAreEmpty() {
        assertThat(MessageState.ofValue(0)).isEmpty();
        assertThat(MessageState.ofValue(10)).isEmpty();
        assertThat(MessageState.ofValue(-1)).isEmpty();
        assertThat(MessageState.ofValue(0x102)).isEmpty();
    }

    @Test
    void statTextIsTrimmedAndCaseInsensitive() {
        assertThat(MessageState.ofStat("DELIVRD")).contains(MessageState.DELIVERED);
        assertThat(MessageState.ofStat(" delivrd ")).contains(MessageState.DELIVERED);
        assertThat(MessageState.ofStat("Undeliv")).contains(MessageState.UNDELIVERABLE);
        assertThat(MessageState.ofStat("EXPIRED")).contains(MessageState.EXPIRED);
        assertThat(MessageState.ofStat("DELETED")).contains(MessageState.DELETED);
        assertThat(MessageState.ofStat("ACCEPTD")).contains(MessageState.ACCEPTED);
        assertThat(MessageState.ofStat("UNKNOWN")).contains(MessageState.UNKNOWN);
        assertThat(MessageState.ofStat("REJECTD")).contains(MessageState.REJECTED);
        assertThat(MessageState.ofStat("ENROUTE")).contains(MessageState.ENROUTE);
        assertThat(MessageState.ofStat("SKIPPED")).contains(MessageState.SKIPPED);
        assertThat(MessageState.ofStat("delivered")).contains(MessageState.DELIVERED);
        assertThat(MessageState.ofStat("UNDELIVERABLE")).contains(MessageState.UNDELIVERABLE);
    }

    @Test
    void unknownStatTextIsEmpty() {
        assertThat(MessageState.ofStat(null)).isEmpty();
        assertThat(MessageState.ofStat("")).isEmpty();
        assertThat(MessageState.ofStat("   ")).isEmpty();
        assertThat(MessageState.ofStat("DELIV")).isEmpty();
        assertThat(MessageState.ofStat("OK")).isEmpty();
        assertThat(MessageState.ofStat("DELIVRD".repeat(5))).isEmpty();
    }

    @Test
    void onlyEnrouteAndAcceptedAreNotFinal() {
        for (MessageState s : MessageState.values()) {
            assertThat(s.isFinal()).as(s.name()).isEqualTo(s != MessageState.ENROUTE && s != MessageState.ACCEPTED);
        }
        assertThat(MessageState.DELIVERED.stat()).isEqualTo("DELIVRD");
    }
}
