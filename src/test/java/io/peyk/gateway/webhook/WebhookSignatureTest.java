package io.peyk.gateway.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;

import org.junit.jupiter.api.Test;

class WebhookSignatureTest {

    private static final Duration TOLERANCE = Duration.ofMinutes(5);
    private static final Instant AT = Instant.ofEpochSecond(1_700_000_000L);

    // Golden values computed independently:
    // printf '%s' '1700000000.{"eventId":"e1","status":"DELIVERED"}' | openssl dgst -sha256 -hmac 'whsec_test'
    @Test
    void signsLikeOpenssl() {
        assertThat(WebhookSignature.sign("whsec_test", 1_700_000_000L, "{\"eventId\":\"e1\",\"status\":\"DELIVERED\"}"))
                .isEqualTo("44823ff9275db838436a070c24dcec8240694d08e98d7fe2bb21394353af48f7");
    }

    // printf '%s' '1700000000.{"text":"سلام"}' | openssl dgst -sha256 -hmac 'کلید' (UTF-8 key and body)
    @Test
    void signsUtf8SecretAndBodyLikeOpenssl() {
        assertThat(WebhookSignature.sign("\u06A9\u0644\u06CC\u062F", 1_700_000_000L,
                "{\"text\":\"\u0633\u0644\u0627\u0645\"}"))
                .isEqualTo("b284f8fe43ba4f04d74cc957f9e95f06bae0f0b4aa7ee87b4e3ef28b0b21581a");
    }

    @Test
    void headerCarriesTimestampAndSignature() {
        assertThat(WebhookSignature.header("whsec_test", 1_700_000_000L, "{\"eventId\":\"e1\",\"status\":\"DELIVERED\"}"))
                .isEqualTo("t=1700000000,v1=44823ff9275db838436a070c24dcec8240694d08e98d7fe2bb21394353af48f7");
    }

    @Test
    void verifiesItsOwnHeaderWithinTolerance() {
        String body = "{\"a\":1}";
        String header = WebhookSignature.header("s3cret", AT.getEpochSecond(), body);
        assertThat(WebhookSignature.verify("s3cret", header, body, TOLERANCE, AT)).isTrue();
        assertThat(WebhookSignature.verify("s3cret", header, body, TOLERANCE, AT.plus(TOLERANCE))).isTrue();
        assertThat(WebhookSignature.verify("s3cret", header, body, TOLERANCE, AT.minus(TOLERANCE))).isTrue();
        assertThat(WebhookSignature.verify("s3cret", header, body, TOLERANCE, AT.plus(TOLERANCE).plusSeconds(1)))
                .isFalse();
        assertThat(WebhookSignature.verify("s3cret", header, body, TOLERANCE, AT.minus(TOLERANCE).minusSeconds(1)))
                .isFalse();
    }

    @Test
    void rejectsWrongSecretBodyOrTimestamp() {
        String body = "{\"a\":1}";
        String sig = WebhookSignature.sign("s3cret", AT.getEpochSecond(), body);
        assertThat(WebhookSignature.verify("other", "t=1700000000,v1=" + sig, body, TOLERANCE, AT)).isFalse();
        assertThat(WebhookSignature.verify("s3cret", "t=1700000000,v1=" + sig, "{\"a\":2}", TOLERANCE, AT)).isFalse();
        assertThat(WebhookSignature.verify("s3cret", "t=1700000001,v1=" + sig, body, TOLERANCE, AT)).isFalse();
        assertThat(WebhookSignature.verify("s3cret", "t=1700000000,v1=" + sig.toUpperCase(), body, TOLERANCE, AT))
                .isFalse();
    }

    @Test
    void acceptsAnyOfSeveralSignaturesForRotation() {
        String body = "{}";
        String sig = WebhookSignature.sign("new", AT.getEpochSecond(), body);
        String old = WebhookSignature.sign("old", AT.getEpochSecond(), body);
        assertThat(WebhookSignature.verify("new", "t=1700000000,v1=" + old + ",v1=" + sig, body, TOLERANCE, AT)).isTrue();
        assertThat(WebhookSignature.verify("new", "v1=" + sig + ", t=1700000000", body, TOLERANCE, AT)).isTrue();
    }

    @Test
    void rejectsMalformedHeaders() {
        String body = "{}";
        String sig = WebhookSignature.sign("k", AT.getEpochSecond(), body);
        for (String header : new String[]{null, "", "t=1700000000", "v1=" + sig, "t=abc,v1=" + sig,
                "t=1700000000,t=1700000000,v1=" + sig, "t=1700000000;v1=" + sig, "t=-1700000000,v1=" + sig,
                "t=1700000000,v1=" + sig + ",garbage", "t=1700000000,v1=" + sig + "," + "x".repeat(1100)}) {
            assertThat(WebhookSignature.verify("k", header, body, TOLERANCE, AT)).as("header %s", header).isFalse();
        }
        assertThatThrownBy(() -> WebhookSignature.sign("", 1L, body)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void randomBodiesVerifyAndAnyChangedByteFails() {
        Random random = new Random(20240607L);
        for (int i = 0; i < 3000; i++) {
            byte[] secretBytes = new byte[1 + random.nextInt(40)];
            for (int j = 0; j < secretBytes.length; j++) {
                secretBytes[j] = (byte) ('!' + random.nextInt(94));
            }
            String secret = new String(secretBytes, StandardCharsets.US_ASCII);
            StringBuilder body = new StringBuilder();
            int length = random.nextInt(200);
            for (int j = 0; j < length; j++) {
                body.append(random.nextBoolean() ? (char) (0x20 + random.nextInt(95)) : (char) (0x0600 + random.nextInt(0xFF)));
            }
            long t = 1_600_000_000L + random.nextInt(200_000_000);
            Instant now = Instant.ofEpochSecond(t + random.nextInt(601) - 300);
            String header = WebhookSignature.header(secret, t, body.toString());
            assertThat(WebhookSignature.verify(secret, header, body.toString(), TOLERANCE, now)).isTrue();
            if (length > 0) {
                StringBuilder changed = new StringBuilder(body);
                int at = random.nextInt(length);
                changed.setCharAt(at, (char) (changed.charAt(at) ^ (1 + random.nextInt(15))));
                assertThat(WebhookSignature.verify(secret, header, changed.toString(), TOLERANCE, now)).isFalse();
            }
        }
    }
}
