package io.peyk.gateway.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

/** The cipher built from configuration: environment variables as documented, and clear refusals. */
class TextCiphersTest {

    private static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);

    private static CryptoConfig fromEnv(Map<String, String> env) {
        SmallRyeConfig config = new SmallRyeConfigBuilder().withSources(new EnvConfigSource(env, 300))
                .withMapping(CryptoConfig.class).build();
        return config.getConfigMapping(CryptoConfig.class);
    }

    @Test
    void keysComeFromTheDocumentedEnvironmentVariables() {
        Map<String, String> env = new HashMap<>();
        env.put("PEYK_CRYPTO_KEYS_K2025", KEY);
        env.put("PEYK_CRYPTO_KEYS_K2026A", Base64.getEncoder().encodeToString(new byte[32]).replace('A', 'B'));
        env.put("PEYK_CRYPTO_ACTIVE_KEY", "k2026a");

        TextCipher cipher = TextCiphers.build(fromEnv(env));

        assertThat(cipher.activeKeyId()).isEqualTo("k2026a");
        assertThat(cipher.keyIds()).containsExactlyInAnyOrder("k2025", "k2026a");
        UUID row = UUID.randomUUID();
        assertThat(cipher.decrypt(TextColumn.MESSAGE_TEXT, row, cipher.encrypt(TextColumn.MESSAGE_TEXT, row, "x")))
                .isEqualTo("x");
    }

    @Test
    void withoutKeysAGatewayRefusesToStartNamingTheVariables() {
        assertThatThrownBy(() -> TextCiphers.build(fromEnv(Map.of()))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("PEYK_CRYPTO_KEYS_").hasMessageContaining("PEYK_CRYPTO_ACTIVE_KEY");
        assertThatThrownBy(() -> TextCiphers.build(fromEnv(Map.of("PEYK_CRYPTO_KEYS_K1", KEY))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("PEYK_CRYPTO_ACTIVE_KEY");
    }

    @Test
    void aWrongActiveKeyOrAShortKeyIsRefusedWithoutItsValue() {
        String shortKey = Base64.getEncoder().encodeToString(new byte[31]);
        assertThatThrownBy(() -> TextCiphers.build(fromEnv(Map.of("PEYK_CRYPTO_KEYS_K1", KEY,
                "PEYK_CRYPTO_ACTIVE_KEY", "k2")))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("PEYK_CRYPTO_KEYS_K2");
        assertThatThrownBy(() -> TextCiphers.build(fromEnv(Map.of("PEYK_CRYPTO_KEYS_K1", shortKey,
                "PEYK_CRYPTO_ACTIVE_KEY", "k1")))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("32 bytes").hasMessageNotContaining(shortKey);
    }
}
