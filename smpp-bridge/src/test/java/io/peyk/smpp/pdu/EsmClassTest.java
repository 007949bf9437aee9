package io.peyk.smpp.pdu;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EsmClassTest {

    @Test
    void receiptIsMessageTypeFour() {
        assertThat(EsmClass.isReceipt(0x04)).isTrue();
        assertThat(EsmClass.isReceipt(0x44)).isTrue();
        assertThat(EsmClass.isReceipt(0x07)).isTrue();
        assertThat(EsmClass.isReceipt(0x00)).isFalse();
        assertThat(EsmClass.isReceipt(0x08)).isFalse();
        assertThat(EsmClass.isReceipt(0x20)).isFalse();
        assertThat(EsmClass.isReceipt(0x24)).isFalse();
        assertThat(EsmClass.isReceipt(0x40)).isFalse();
    }

    @Test
    void intermediateNotification() {
        assertThat(EsmClass.isIntermediateNotification(0x20)).isTrue();
        assertThat(EsmClass.isIntermediateNotification(0x60)).isTrue();
        assertThat(EsmClass.isIntermediateNotification(0x04)).isFalse();
    }

    @Test
    void udhi() {
        assertThat(EsmClass.hasUdhi(0x40)).isTrue();
        assertThat(EsmClass.hasUdhi(0x43)).isTrue();
        assertThat(EsmClass.hasUdhi(0x04)).isFalse();
        assertThat(EsmClass.hasUdhi(0x80)).isFalse();
        assertThat(EsmClass.withUdhi(0x03)).isEqualTo(0x43);
        assertThat(EsmClass.withUdhi(0x40)).isEqualTo(0x40);
    }
}
