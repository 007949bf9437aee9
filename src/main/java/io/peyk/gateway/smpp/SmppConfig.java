package io.peyk.gateway.smpp;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.peyk.smpp.BindMode;
import io.peyk.smpp.delivery.MultipartReceiptPolicy;
import io.peyk.smpp.receipt.MessageIdFormat;
import io.peyk.smpp.segment.ConcatMode;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/**
 * The SMSC connectors ({@code peyk.smpp.connectors.<name>.*}), the routes that pick them, and the bridge's own bounds.
 * With no connector configured, the embedded default starts the built-in SMSC simulator and configures one connector,
 * {@code simulator}, for it.
 */
@ConfigMapping(prefix = "peyk.smpp")
public interface SmppConfig {

    /** SMSC connections by name. */
    Map<String, Connector> connectors();

    /**
     * Destination prefix to an ordered, comma-separated list of connectors, e.g. {@code "+98912"=a,b}: the first bound one
     * takes the message.
     */
    Map<String, String> routes();

    /** Connectors for destinations no prefix matches; empty means every connector, in name order. */
    @WithName("default-route")
    Optional<List<String>> defaultRoute();

    /** How long a receipt that overtook its submit response waits for it before it counts as unmatched. */
    @WithDefault("10S")
    Duration pendingReceiptGrace();

    @WithDefault("100000")
    int pendingReceiptCapacity();

    /** How long parts of a concatenated MO wait for their siblings. */
    @WithDefault("5M")
    Duration inboundReassemblyTimeout();

    @WithDefault("10000")
    int inboundMaxPendingGroups();

    /** How many messages' part outcomes are tracked in memory. */
    @WithDefault("1000000")
    int trackerCapacity();

    /** One SMSC connection. */
    interface Connector {

        String host();

        int port();

        @WithName("system-id")
        String systemId();

        /** The bind password: put it in a secret (environment variable), never in the image. */
        Optional<String> password();

        Optional<String> systemType();

        @WithDefault("transceiver")
        BindMode bindMode();

        @WithDefault("1")
        int binds();

        @WithDefault("10")
        int windowSize();

        /** The rate agreed with the operator for this connector; 0 means no limit. */
        @WithDefault("0")
        int maxSubmitsPerSecond();

        @WithDefault("30S")
        Duration enquireLinkInterval();

        @WithDefault("10S")
        Duration responseTimeout();

        @WithDefault("10S")
        Duration bindTimeout();

        @WithDefault("1S")
        Duration rebindInitialDelay();

        @WithDefault("60S")
        Duration rebindMaxDelay();

        @WithDefault("15S")
        Duration alreadyBoundDelay();

        @WithDefault("200MS")
        Duration throttleInitialDelay();

        @WithDefault("10S")
        Duration throttleMaxDelay();

        @WithDefault("20")
        int maxTransientRetries();

        @WithDefault("10000")
        int queueCapacity();

        /**
         * TLS (1.2 or 1.3) to the SMSC. Host name verification is always on: {@code host} must be a DNS name or IP address
         * the SMSC's certificate names.
         */
        @WithDefault("false")
        boolean tls();

        /**
         * With {@code tls}: a PKCS#12 trust store (a mounted file) holding the CA or certificate the SMSC's certificate is
         * checked against, for an SMSC with a certificate from a private CA. Absent: the JVM's default trust store.
         */
        Optional<String> tlsTrustStoreFile();

        /** The trust store's password: a secret (environment variable), never in the image. Absent: an empty password. */
        Optional<String> tlsTrustStorePassword();

        /** The data_coding this SMSC expects for GSM 03.38 text. */
        @WithName("gsm7-data-coding")
        @WithDefault("0")
        int gsm7DataCoding();

        /** How long texts are split: udh-8-bit-ref, udh-16-bit-ref, sar-tlv or message-payload. */
        @WithDefault("udh-8-bit-ref")
        ConcatMode concatMode();

        @WithDefault("10")
        int maxParts();

        /** How the SMSC writes message ids in submit_sm_resp: text, text-ignore-case, decimal or hex. */
        @WithDefault("text")
        MessageIdFormat submitIdFormat();

        /** How the SMSC writes message ids in receipts (may differ from submit responses). */
        @WithDefault("text")
        MessageIdFormat receiptIdFormat();

        @WithDefault("every-part")
        MultipartReceiptPolicy receiptPolicy();

        @WithDefault("5S")
        Duration shutdownTimeout();
    }
}
