package io.peyk.gateway.crypto;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.peyk.gateway.role.Roles;
import io.quarkus.runtime.StartupEvent;

/**
 * The {@link TextCipher} of this instance, built from {@link CryptoConfig}. An instance with the gateway role (the one
 * that stores and reads text) builds it at startup and refuses to start when no key is configured, the active key is
 * missing, or a key is not 32 bytes, rather than store text in the clear. A billing-only instance never builds it and so
 * needs no key. Only key ids are logged.
 */
@ApplicationScoped
public class TextCiphers {

    private static final Logger LOG = Logger.getLogger(TextCiphers.class);

    private final CryptoConfig config;
    private volatile TextCipher cipher;

    TextCiphers(CryptoConfig config) {
        this.config = config;
    }

    /**
     * The cipher, built on first use.
     *
     * @throws IllegalStateException naming the setting to fix when the configuration is not usable
     */
    public TextCipher cipher() {
        TextCipher built = cipher;
        if (built == null) {
            synchronized (this) {
                if (cipher == null) {
                    cipher = build(config);
                }
                built = cipher;
            }
        }
        return built;
    }

    void onStart(@Observes StartupEvent event, Roles roles) {
        if (roles.gateway()) {
            TextCipher built = cipher(); // Fails startup when the configuration is not usable.
            LOG.infof("Message text is encrypted at rest under key '%s' (keys configured: %s)", built.activeKeyId(),
                    built.keyIds());
        }
    }

    /** The cipher of this configuration, or an exception whose message says which setting to fix. */
    static TextCipher build(CryptoConfig config) {
        if (config.keys().isEmpty() || config.activeKey().isEmpty()) {
            throw new IllegalStateException("Message text is encrypted at rest and no key is configured: set"
                    + " PEYK_CRYPTO_KEYS_<ID> (peyk.crypto.keys.<id>, the base64 of 32 random bytes) and"
                    + " PEYK_CRYPTO_ACTIVE_KEY (peyk.crypto.active-key=<id>)");
        }
        if (config.keys().size() > CryptoConfig.MAX_KEYS) {
            throw new IllegalStateException("at most " + CryptoConfig.MAX_KEYS + " peyk.crypto.keys may be configured");
        }
        try {
            return TextCipher.of(config.keys(), config.activeKey().get());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("Invalid encryption-at-rest configuration: " + e.getMessage());
        }
    }
}
