package io.peyk.gateway.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import org.junit.jupiter.api.Test;

/** AES-256-GCM envelopes bound to their row and column, under named keys with rotation. */
class TextCipherTest {

    private static final UUID ROW = UUID.fromString("0190f1c2-0000-7000-8000-000000000001");
    private static final UUID OTHER_ROW = UUID.fromString("0190f1c2-0000-7000-8000-000000000002");
    private static final String PERSIAN = "Hi \u0633\u0644\u0627\u0645";

    private static byte[] key(int first) {
        byte[] key = new byte[32];
        for (int i = 0; i < key.length; i++) {
            key[i] = (byte) (first + i);
        }
        return key;
    }

    private static String b64(byte[] key) {
        return Base64.getEncoder().encodeToString(key);
    }

    private static TextCipher cipher(String active, String... ids) {
        Map<String, String> keys = new LinkedHashMap<>();
        for (int i = 0; i < ids.length; i++) {
            keys.put(ids[i], b64(key(i * 32)));
        }
        return TextCipher.of(keys, active);
    }

    @Test
    void goldenEnvelopeLayout() {
        // Independently computed (Python cryptography AESGCM) over the same key, nonce, text and associated data
        // 01 02 "k1" "message.text:0190f1c2-0000-7000-8000-000000000001".
        byte[] nonce = Hex.bytes("a0a1a2a3a4a5a6a7a8a9aaab");
        TextCipher cipher = new TextCipher(Map.of("k1", key(0)), "k1", n -> System.arraycopy(nonce, 0, n, 0, 12));

        byte[] envelope = cipher.encrypt(TextColumn.MESSAGE_TEXT, ROW, PERSIAN);

        assertThat(Hex.of(envelope)).isEqualTo("01" + "02" + "6b31" + "a0a1a2a3a4a5a6a7a8a9aaab"
                + "ae715cf5f6128667c5bc02" + "4a33e5deffbdb571b52c1fdcb66b7aba");
        assertThat(TextCipher.keyIdOf(envelope)).isEqualTo("k1");
        assertThat(cipher.decrypt(TextColumn.MESSAGE_TEXT, ROW, envelope)).isEqualTo(PERSIAN);
    }

    @Test
    void roundTripsTextsOfEveryShapeWithAFreshNonceEachTime() {
        TextCipher cipher = cipher("k1", "k1");
        Random random = new Random(20261201L);
        for (int round = 0; round < 2_000; round++) {
            int length = random.nextInt(round % 100 == 0 ? 40_000 : 400);
            StringBuilder text = new StringBuilder(length);
            while (text.length() < length) {
                int cp = random.nextInt(4) == 0
                        ? 0x600 + random.nextInt(0x100)
                        : random.nextInt(8) == 0 ? 0x1F600 + random.nextInt(0x50) : 0x20 + random.nextInt(0x5F);
                text.appendCodePoint(cp);
            }
            UUID row = new UUID(random.nextLong(), random.nextLong());
            TextColumn column = TextColumn.values()[random.nextInt(TextColumn.values().length)];
            byte[] a = cipher.encrypt(column, row, text.toString());
            byte[] b = cipher.encrypt(column, row, text.toString());
            assertThat(a).as("round %d: a random nonce per value", round).isNotEqualTo(b);
            assertThat(a.length).isEqualTo(2 + 2 + 12 + text.toString().getBytes(StandardCharsets.UTF_8).length + 16);
            assertThat(cipher.decrypt(column, row, a)).as("round %d", round).isEqualTo(text.toString());
            assertThat(cipher.decrypt(column, row, b)).isEqualTo(text.toString());
        }
    }

    @Test
    void theCiphertextDoesNotContainTheText() {
        TextCipher cipher = cipher("k1", "k1");
        String text = "Your code is 123456 - Peyk";
        byte[] envelope = cipher.encrypt(TextColumn.MESSAGE_TEXT, ROW, text);
        assertThat(indexOf(envelope, "123456".getBytes(StandardCharsets.UTF_8))).isEqualTo(-1);
        assertThat(indexOf(envelope, "Peyk".getBytes(StandardCharsets.UTF_8))).isEqualTo(-1);
    }

    @Test
    void everyAlteredByteFailsAuthenticationOrParsing() {
        TextCipher cipher = cipher("k1", "k1");
        byte[] envelope = cipher.encrypt(TextColumn.INBOUND_TEXT, ROW, "STOP");
        for (int i = 0; i < envelope.length; i++) {
            for (int bit = 0; bit < 8; bit++) {
                byte[] altered = envelope.clone();
                altered[i] ^= (byte) (1 << bit);
                assertThatThrownBy(() -> cipher.decrypt(TextColumn.INBOUND_TEXT, ROW, altered))
                        .as("byte %d bit %d", i, bit).isInstanceOf(TextCipherException.class)
                        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("STOP"));
            }
        }
        for (int length = 0; length < envelope.length; length++) {
            byte[] truncated = Arrays.copyOf(envelope, length);
            assertThatThrownBy(() -> cipher.decrypt(TextColumn.INBOUND_TEXT, ROW, truncated)).as("length %d", length)
                    .isInstanceOf(TextCipherException.class);
        }
    }

    @Test
    void aCiphertextMovedToAnotherRowOrColumnDoesNotDecrypt() {
        TextCipher cipher = cipher("k1", "k1");
        byte[] envelope = cipher.encrypt(TextColumn.MESSAGE_TEXT, ROW, "secret code 4711");

        assertThatThrownBy(() -> cipher.decrypt(TextColumn.MESSAGE_TEXT, OTHER_ROW, envelope))
                .isInstanceOf(TextCipherException.class)
                .extracting(e -> ((TextCipherException) e).reason())
                .isEqualTo(TextCipherException.Reason.AUTHENTICATION_FAILED);
        assertThatThrownBy(() -> cipher.decrypt(TextColumn.INBOUND_TEXT, ROW, envelope))
                .isInstanceOf(TextCipherException.class)
                .hasMessageNotContaining("4711");
    }

    @Test
    void relabellingTheKeyIdFailsEvenWhenBothKeysAreTheSame() {
        byte[] same = key(7);
        TextCipher cipher = new TextCipher(Map.of("ka", same, "kb", same), "ka", n -> Arrays.fill(n, (byte) 1));
        byte[] envelope = cipher.encrypt(TextColumn.MESSAGE_TEXT, ROW, "hello");
        byte[] relabelled = envelope.clone();
        relabelled[3] = 'b';
        assertThat(TextCipher.keyIdOf(relabelled)).isEqualTo("kb");
        assertThatThrownBy(() -> cipher.decrypt(TextColumn.MESSAGE_TEXT, ROW, relabelled))
                .isInstanceOf(TextCipherException.class)
                .extracting(e -> ((TextCipherException) e).reason())
                .isEqualTo(TextCipherException.Reason.AUTHENTICATION_FAILED);
    }

    @Test
    void anUnknownKeyIdIsAClearRetryableError() {
        byte[] envelope = cipher("old", "old").encrypt(TextColumn.MESSAGE_TEXT, ROW, "hello");
        TextCipher withoutOld = cipher("new", "new");

        assertThatThrownBy(() -> withoutOld.decrypt(TextColumn.MESSAGE_TEXT, ROW, envelope))
                .isInstanceOf(TextCipherException.class)
                .hasMessageContaining("key 'old'")
                .hasMessageContaining("PEYK_CRYPTO_KEYS_OLD")
                .hasMessageNotContaining("hello")
                .satisfies(e -> {
                    assertThat(((TextCipherException) e).reason()).isEqualTo(TextCipherException.Reason.UNKNOWN_KEY);
                    assertThat(((TextCipherException) e).retryable()).isTrue();
                });
    }

    @Test
    void rotationKeepsOldRowsReadableAndWritesNewOnesUnderTheNewKey() {
        Map<String, String> keys = new LinkedHashMap<>();
        keys.put("k1", b64(key(0)));
        TextCipher before = TextCipher.of(keys, "k1");
        byte[] old = before.encrypt(TextColumn.INBOUND_TEXT, ROW, "written under k1");

        keys.put("k2", b64(key(100)));
        TextCipher after = TextCipher.of(keys, "k2");
        byte[] fresh = after.encrypt(TextColumn.INBOUND_TEXT, OTHER_ROW, "written under k2");

        assertThat(TextCipher.keyIdOf(old)).isEqualTo("k1");
        assertThat(TextCipher.keyIdOf(fresh)).isEqualTo("k2");
        assertThat(after.activeKeyId()).isEqualTo("k2");
        assertThat(after.decrypt(TextColumn.INBOUND_TEXT, ROW, old)).isEqualTo("written under k1");
        assertThat(after.decrypt(TextColumn.INBOUND_TEXT, OTHER_ROW, fresh)).isEqualTo("written under k2");
        // The old cipher cannot read what the new key wrote.
        assertThatThrownBy(() -> before.decrypt(TextColumn.INBOUND_TEXT, OTHER_ROW, fresh))
                .isInstanceOf(TextCipherException.class);
    }

    @Test
    void keyIdsIgnoreCaseAndAreStoredInLowerCase() {
        TextCipher cipher = TextCipher.of(Map.of("K2026A", b64(key(0))), "k2026a");
        byte[] envelope = cipher.encrypt(TextColumn.MESSAGE_TEXT, ROW, "x");
        assertThat(TextCipher.keyIdOf(envelope)).isEqualTo("k2026a");
        assertThat(cipher.keyIds()).containsExactly("k2026a");
    }

    @Test
    void badConfigurationIsRefusedWithoutQuotingKeys() {
        String shortKey = b64(new byte[16]);
        assertThatThrownBy(() -> TextCipher.of(Map.of("k1", shortKey), "k1"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("peyk.crypto.keys.k1")
                .hasMessageContaining("32 bytes").hasMessageNotContaining(shortKey);
        assertThatThrownBy(() -> TextCipher.of(Map.of("k1", "not base64 !!"), "k1"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not valid base64")
                .hasMessageNotContaining("not base64 !!");
        assertThatThrownBy(() -> TextCipher.of(Map.of("k1", b64(key(0))), "k2"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PEYK_CRYPTO_KEYS_K2");
        assertThatThrownBy(() -> TextCipher.of(Map.of("k1", b64(key(0))), " "))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PEYK_CRYPTO_ACTIVE_KEY");
        assertThatThrownBy(() -> TextCipher.of(Map.of("k_1", b64(key(0))), "k_1"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("letters and digits");
        assertThatThrownBy(() -> TextCipher.of(Map.of("K1", b64(key(0)), "k1", b64(key(1))), "k1"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("twice");
        assertThat(cipher("k1", "k1").toString()).doesNotContain(b64(key(0)));
    }

    @Test
    void malformedEnvelopesAreRefused() {
        TextCipher cipher = cipher("k1", "k1");
        for (String hex : new String[]{"", "01", "02026b31", "01006b31", "01216b31", "01026b", "01024b31"}) {
            assertThatThrownBy(() -> cipher.decrypt(TextColumn.MESSAGE_TEXT, ROW, Hex.bytes(hex))).as(hex)
                    .isInstanceOf(TextCipherException.class)
                    .extracting(e -> ((TextCipherException) e).reason())
                    .isEqualTo(TextCipherException.Reason.MALFORMED);
        }
        byte[] huge = new byte[TextCipher.MAX_ENVELOPE_BYTES + 1];
        huge[0] = 1;
        huge[1] = 2;
        huge[2] = 'k';
        huge[3] = '1';
        assertThatThrownBy(() -> cipher.decrypt(TextColumn.MESSAGE_TEXT, ROW, huge))
                .isInstanceOf(TextCipherException.class);
    }

    @Test
    void textsAreBoundedInLength() {
        TextCipher cipher = cipher("k1", "k1");
        String longest = "a".repeat(TextCipher.MAX_PLAINTEXT_BYTES);
        byte[] envelope = cipher.encrypt(TextColumn.MESSAGE_TEXT, ROW, longest);
        assertThat(envelope.length).isEqualTo(2 + 2 + 12 + TextCipher.MAX_PLAINTEXT_BYTES + 16);
        assertThat(cipher.decrypt(TextColumn.MESSAGE_TEXT, ROW, envelope)).isEqualTo(longest);
        assertThatThrownBy(() -> cipher.encrypt(TextColumn.MESSAGE_TEXT, ROW, longest + "a"))
                .isInstanceOf(TextCipherException.class)
                .extracting(e -> ((TextCipherException) e).reason())
                .isEqualTo(TextCipherException.Reason.TOO_LONG);
    }

    @Test
    void goldenKeyedDigest() {
        // Python hmac: HMAC-SHA256(HMAC-SHA256(key, "peyk request digest v1"), "canonical request").
        TextCipher cipher = new TextCipher(Map.of("k1", key(0)), "k1", n -> {
        });
        byte[] digest = cipher.digest("canonical request".getBytes(StandardCharsets.UTF_8));
        assertThat(Hex.of(digest)).isEqualTo("01" + "02" + "6b31"
                + "447486c68275b04426b4a7f14cac3f23fdaa7300f030cbf137710ff63b2dccff");
    }

    @Test
    void digestsMatchTheSameDataOnlyAndSurviveRotation() {
        Map<String, String> keys = new LinkedHashMap<>();
        keys.put("k1", b64(key(0)));
        TextCipher before = TextCipher.of(keys, "k1");
        keys.put("k2", b64(key(50)));
        TextCipher after = TextCipher.of(keys, "k2");
        Random random = new Random(7L);
        for (int round = 0; round < 1_000; round++) {
            byte[] data = new byte[random.nextInt(200)];
            random.nextBytes(data);
            byte[] stored = before.digest(data);
            assertThat(after.digestMatches(stored, data)).as("round %d", round).isTrue();
            byte[] other = data.length == 0 ? new byte[]{1} : data.clone();
            if (data.length > 0) {
                other[random.nextInt(other.length)] ^= 1;
            }
            assertThat(after.digestMatches(stored, other)).as("round %d", round).isFalse();
            assertThat(TextCipher.keyIdOf(after.digest(data))).isEqualTo("k2");
        }
        byte[] underK2 = after.digest(new byte[]{1, 2, 3});
        assertThatThrownBy(() -> before.digestMatches(underK2, new byte[]{1, 2, 3}))
                .isInstanceOf(TextCipherException.class).hasMessageContaining("'k2'");
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer : for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
