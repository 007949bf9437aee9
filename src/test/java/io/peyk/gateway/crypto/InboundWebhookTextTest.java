package io.peyk.gateway.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.vertx.core.json.JsonObject;

/** The MO text of a stored message.inbound webhook body: sealed when stored, opened only to send. */
class InboundWebhookTextTest {

    private static final TextCipher CIPHER = TextCipher.of(
            Map.of("k1", Base64.getEncoder().encodeToString(new byte[32])), "k1");
    private static final UUID INBOUND = UUID.fromString("0190f1c2-0000-7000-8000-0000000000aa");

    private static JsonObject body(UUID inboundId) {
        return new JsonObject().put("eventId", UUID.randomUUID().toString()).put("type", "message.inbound")
                .put("inboundId", inboundId.toString()).put("from", "+989121234567").put("to", "3000")
                .put("text", (String) null).put("keyword", "join").put("parts", 1);
    }

    @Test
    void sealedBodiesOpenToTheTextInItsPlaceAndLoseTheSealedField() {
        JsonObject stored = InboundWebhookText.seal(body(INBOUND), "JOIN 4711", CIPHER);
        String payload = stored.encode();
        assertThat(payload).doesNotContain("4711").doesNotContain("JOIN");

        String sent = InboundWebhookText.open(payload, CIPHER);

        JsonObject opened = new JsonObject(sent);
        assertThat(opened.getString("text")).isEqualTo("JOIN 4711");
        assertThat(opened.containsKey(InboundWebhookText.FIELD)).isFalse();
        assertThat(opened.fieldNames()).containsExactly("eventId", "type", "inboundId", "from", "to", "text", "keyword",
                "parts");
    }

    @Test
    void otherBodiesPassThroughByteForByte() {
        String status = "{\"type\": \"message.status\", \"clientRef\": \"textEnc\", \"text\": 1}";
        assertThat(InboundWebhookText.open(status, CIPHER)).isSameAs(status);
        String notInbound = "{\"type\": \"message.status\", \"textEnc\": \"AQ==\"}";
        assertThat(InboundWebhookText.open(notInbound, CIPHER)).isSameAs(notInbound);
        String noText = InboundWebhookText.seal(body(INBOUND), null, CIPHER).encode();
        assertThat(InboundWebhookText.open(noText, CIPHER)).isSameAs(noText);
    }

    @Test
    void aSealedTextMovedToAnotherInboundBodyIsNotSent() {
        JsonObject stored = InboundWebhookText.seal(body(INBOUND), "secret", CIPHER);
        JsonObject other = body(UUID.randomUUID()).put(InboundWebhookText.FIELD,
                stored.getString(InboundWebhookText.FIELD));

        assertThatThrownBy(() -> InboundWebhookText.open(other.encode(), CIPHER))
                .isInstanceOf(TextCipherException.class).hasMessageNotContaining("secret");
        JsonObject garbled = body(INBOUND).put(InboundWebhookText.FIELD, "not base64 !");
        assertThatThrownBy(() -> InboundWebhookText.open(garbled.encode(), CIPHER))
                .isInstanceOf(TextCipherException.class)
                .extracting(e -> ((TextCipherException) e).reason())
                .isEqualTo(TextCipherException.Reason.MALFORMED);
    }
}
