package io.peyk.gateway.partner;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.HexFormat;
import java.util.Set;

import org.junit.jupiter.api.Test;

class ApiKeysTest {

    @Test
    void hashIsSha256OfTheUtf8Key() {
        assertThat(HexFormat.of().formatHex(ApiKeys.hash("abc")))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(HexFormat.of().formatHex(ApiKeys.hash("peyk_demo_key_change_me"))).hasSize(64);
    }

    @Test
    void keysAndSecretsHaveTheirFormAndDoNotRepeat() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 2000; i++) {
            ApiKeys.NewApiKey key = ApiKeys.generate();
            assertThat(key.plaintext()).matches("peyk_live_[A-Za-z0-9_-]{43}");
            assertThat(key.prefix()).isEqualTo(key.plaintext().substring(10, 18));
            assertThat(key.hash()).isEqualTo(ApiKeys.hash(key.plaintext()));
            assertThat(key.toString()).doesNotContain(key.plaintext());
            assertThat(seen.add(key.plaintext())).isTrue();
            String secret = ApiKeys.newWebhookSecret();
            assertThat(secret).matches("whsec_[A-Za-z0-9_-]{43}");
            assertThat(seen.add(secret)).isTrue();
        }
    }

    @Test
    void prefixSkipsTheTag() {
        assertThat(ApiKeys.prefixOf("peyk_live_abcdefghijk")).isEqualTo("abcdefgh");
        assertThat(ApiKeys.prefixOf("peyk_demo_key_change_me")).isEqualTo("demo_key");
        assertThat(ApiKeys.prefixOf("short")).isEqualTo("short");
    }
}
