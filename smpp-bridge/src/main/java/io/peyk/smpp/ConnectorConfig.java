package io.peyk.smpp;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

import io.peyk.smpp.delivery.MultipartReceiptPolicy;
import io.peyk.smpp.receipt.MessageIdFormat;
import io.peyk.smpp.segment.ConcatMode;

/**
 * One SMSC connection as the operator agreed it. Every limit is explicit: windows, rates, queue sizes, timeouts and
 * retries. Build with {@link #builder(String, String, int)}; the defaults are the ones a typical operator SMSC accepts.
 *
 * @param name the connector's name, used in routes, metrics and logs
 * @param host SMSC host
 * @param port SMSC port
 * @param systemId bind system_id
 * @param password bind password (never logged)
 * @param systemType bind system_type, often empty
 * @param bindMode transceiver, or transmitter plus receiver
 * @param binds how many binds (sessions, or session pairs) to keep open
 * @param windowSize submits in flight per bind without a response
 * @param maxSubmitsPerSecond the agreed rate for the whole connector; 0 means no limit
 * @param enquireLinkInterval how often to probe an idle link; a probe without answer within {@code responseTimeout} drops it
 * @param responseTimeout how long to wait for any response PDU
 * @param bindTimeout how long to wait for a bind response
 * @param rebindInitialDelay first wait before binding again after a lost or refused bind
 * @param rebindMaxDelay the cap of the exponential rebind backoff
 * @param alreadyBoundDelay the wait after ESME_RALYBND (the SMSC still holds our old bind)
 * @param throttleInitialDelay first pause of a bind after ESME_RTHROTTLED, ESME_RMSGQFUL or ESME_RSYSERR
 * @param throttleMaxDelay the cap of the throttling backoff
 * @param maxTransientRetries how often one part is retried after transient errors before it fails
 * @param queueCapacity parts waiting for a free window slot; beyond it submits are refused as busy
 * @param tls wrap the connection in TLS 1.2 or 1.3; the SMSC's certificate must name {@code host} (its DNS name, or its IP
 *     address when {@code host} is one): host name verification is always on
 * @param tlsTrustStore with {@code tls}, the PKCS#12 trust store holding the CA (or certificate) the SMSC's certificate is
 *     checked against; empty means the JVM's default trust store. Loaded once when the connector is built.
 * @param gsm7DataCoding the data_coding value this SMSC expects for GSM 03.38 text (0 on most)
 * @param concatMode how long texts are split: UDH with an 8- or 16-bit reference, SAR TLVs, or message_payload
 * @param maxParts the most parts one message may have
 * @param submitIdFormat how this SMSC writes message ids in submit_sm_resp
 * @param receiptIdFormat how this SMSC writes message ids in receipts
 * @param receiptPolicy which part receipts decide a multipart message's final state
 * @param shutdownTimeout how long a clean shutdown waits for in-flight submits before unbinding
 */
public record ConnectorConfig(String name, String host, int port, String systemId, String password, String systemType,
        BindMode bindMode, int binds, int windowSize, int maxSubmitsPerSecond, Duration enquireLinkInterval,
        Duration responseTimeout, Duration bindTimeout, Duration rebindInitialDelay, Duration rebindMaxDelay,
        Duration alreadyBoundDelay, Duration throttleInitialDelay, Duration throttleMaxDelay, int maxTransientRetries,
        int queueCapacity, boolean tls, Optional<TlsTrustStore> tlsTrustStore, int gsm7DataCoding, ConcatMode concatMode,
        int maxParts, MessageIdFormat submitIdFormat, MessageIdFormat receiptIdFormat, MultipartReceiptPolicy receiptPolicy,
        Duration shutdownTimeout) {

    /** Hard ceilings, whatever the configuration says. */
    public static final int MAX_BINDS = 64;
    public static final int MAX_WINDOW = 1_000;
    public static final int MAX_PARTS = 255;
    public static final int MAX_QUEUE = 1_000_000;

    public ConnectorConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(systemId, "systemId");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(systemType, "systemType");
        Objects.requireNonNull(bindMode, "bindMode");
        Objects.requireNonNull(concatMode, "concatMode");
        Objects.requireNonNull(submitIdFormat, "submitIdFormat");
        Objects.requireNonNull(receiptIdFormat, "receiptIdFormat");
        Objects.requireNonNull(receiptPolicy, "receiptPolicy");
        Objects.requireNonNull(tlsTrustStore, "tlsTrustStore");
        if (!name.matches("[A-Za-z0-9_.-]{1,32}")) {
            throw new IllegalArgumentException("connector name must be 1..32 of [A-Za-z0-9_.-]: " + name);
        }
        requireRange(name, "port", port, 1, 65_535);
        requireRange(name, "binds", binds, 1, MAX_BINDS);
        requireRange(name, "windowSize", windowSize, 1, MAX_WINDOW);
        requireRange(name, "maxSubmitsPerSecond", maxSubmitsPerSecond, 0, 1_000_000);
        requireRange(name, "maxTransientRetries", maxTransientRetries, 0, 1_000);
        requireRange(name, "queueCapacity", queueCapacity, 1, MAX_QUEUE);
        requireRange(name, "gsm7DataCoding", gsm7DataCoding, 0, 0xFF);
        requireRange(name, "maxParts", maxParts, 1, MAX_PARTS);
        if (systemId.length() > 15 || password.length() > 8 || systemType.length() > 12) {
            throw new IllegalArgumentException(
                    name + ": system_id (15), password (8) or system_type (12) longer than SMPP 3.4 allows");
        }
        for (Duration d : new Duration[]{enquireLinkInterval, responseTimeout, bindTimeout, rebindInitialDelay,
                rebindMaxDelay, alreadyBoundDelay, throttleInitialDelay, throttleMaxDelay, shutdownTimeout}) {
            if (d == null || d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(name + ": every duration must be positive");
            }
        }
        if (tlsTrustStore.isPresent() && !tls) {
            throw new IllegalArgumentException(
                    name + ": a TLS trust store is set but tls is off (turn tls on, or drop the trust store)");
        }
        if (rebindMaxDelay.compareTo(rebindInitialDelay) < 0 || throttleMaxDelay.compareTo(throttleInitialDelay) < 0) {
            throw new IllegalArgumentException(name + ": a backoff's maximum is below its initial delay");
        }
    }

    private static void requireRange(String connector, String field, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(connector + ": " + field + " must be in " + min + ".." + max + ", was " + value);
        }
    }

    public static Builder builder(String name, String host, int port) {
        return new Builder(name, host, port);
    }

    /** A builder seeded with this connector's values. */
    public Builder toBuilder() {
        Builder b = new Builder(name, host, port);
        b.systemId = systemId;
        b.password = password;
        b.systemType = systemType;
        b.bindMode = bindMode;
        b.binds = binds;
        b.windowSize = windowSize;
        b.maxSubmitsPerSecond = maxSubmitsPerSecond;
        b.enquireLinkInterval = enquireLinkInterval;
        b.responseTimeout = responseTimeout;
        b.bindTimeout = bindTimeout;
        b.rebindInitialDelay = rebindInitialDelay;
        b.rebindMaxDelay = rebindMaxDelay;
        b.alreadyBoundDelay = alreadyBoundDelay;
        b.throttleInitialDelay = throttleInitialDelay;
        b.throttleMaxDelay = throttleMaxDelay;
        b.maxTransientRetries = maxTransientRetries;
        b.queueCapacity = queueCapacity;
        b.tls = tls;
        b.tlsTrustStore = tlsTrustStore;
        b.gsm7DataCoding = gsm7DataCoding;
        b.concatMode = concatMode;
        b.maxParts = maxParts;
        b.submitIdFormat = submitIdFormat;
        b.receiptIdFormat = receiptIdFormat;
        b.receiptPolicy = receiptPolicy;
        b.shutdownTimeout = shutdownTimeout;
        return b;
    }

    @Override
    public String toString() {
        return "ConnectorConfig[name=" + name + ", host=" + host + ", port=" + port + ", systemId=" + systemId + ", binds="
                + binds + ", window=" + windowSize + ", tps=" + maxSubmitsPerSecond + ", bindMode=" + bindMode + ", tls="
                + (tls ? tlsTrustStore.map(t -> "trust store " + t.file()).orElse("JVM trust store") : "off") + "]";
    }

    /** Fluent construction with operator-typical defaults. */
    public static final class Builder {

        private final String name;
        private final String host;
        private final int port;
        private String systemId = "peyk";
        private String password = "";
        private String systemType = "";
        private BindMode bindMode = BindMode.TRANSCEIVER;
        private int binds = 1;
        private int windowSize = 10;
        private int maxSubmitsPerSecond = 0;
        private Duration enquireLinkInterval = Duration.ofSeconds(30);
        private Duration responseTimeout = Duration.ofSeconds(10);
        private Duration bindTimeout = Duration.ofSeconds(10);
        private Duration rebindInitialDelay = Duration.ofSeconds(1);
        private Duration rebindMaxDelay = Duration.ofSeconds(60);
        private Duration alreadyBoundDelay = Duration.ofSeconds(15);
        private Duration throttleInitialDelay = Duration.ofMillis(200);
        private Duration throttleMaxDelay = Duration.ofSeconds(10);
        private int maxTransientRetries = 20;
        private int queueCapacity = 10_000;
        private boolean tls = false;
        private Optional<TlsTrustStore> tlsTrustStore = Optional.empty();
        private int gsm7DataCoding = 0;
        private ConcatMode concatMode = ConcatMode.UDH_8BIT_REF;
        private int maxParts = 10;
        private MessageIdFormat submitIdFormat = MessageIdFormat.TEXT;
        private MessageIdFormat receiptIdFormat = MessageIdFormat.TEXT;
        private MultipartReceiptPolicy receiptPolicy = MultipartReceiptPolicy.EVERY_PART;
        private Duration shutdownTimeout = Duration.ofSeconds(5);

        private Builder(String name, String host, int port) {
            this.name = name;
            this.host = host;
            this.port = port;
        }

        public Builder systemId(String v) {
            systemId = v;
            return this;
        }

        public Builder password(String v) {
            password = v;
            return this;
        }

        public Builder systemType(String v) {
            systemType = v;
            return this;
        }

        public Builder bindMode(BindMode v) {
            bindMode = v;
            return this;
        }

        public Builder binds(int v) {
            binds = v;
            return this;
        }

        public Builder windowSize(int v) {
            windowSize = v;
            return this;
        }

        public Builder maxSubmitsPerSecond(int v) {
            maxSubmitsPerSecond = v;
            return this;
        }

        public Builder enquireLinkInterval(Duration v) {
            enquireLinkInterval = v;
            return this;
        }

        public Builder responseTimeout(Duration v) {
            responseTimeout = v;
            return this;
        }

        public Builder bindTimeout(Duration v) {
            bindTimeout = v;
            return this;
        }

        public Builder rebindDelays(Duration initial, Duration max) {
            rebindInitialDelay = initial;
            rebindMaxDelay = max;
            return this;
        }

        public Builder alreadyBoundDelay(Duration v) {
            alreadyBoundDelay = v;
            return this;
        }

        public Builder throttleDelays(Duration initial, Duration max) {
            throttleInitialDelay = initial;
            throttleMaxDelay = max;
            return this;
        }

        public Builder maxTransientRetries(int v) {
            maxTransientRetries = v;
            return this;
        }

        public Builder queueCapacity(int v) {
            queueCapacity = v;
            return this;
        }

        public Builder tls(boolean v) {
            tls = v;
            return this;
        }

        /** Trust the SMSC's certificate by this PKCS#12 trust store instead of the JVM's (needs {@code tls(true)}). */
        public Builder tlsTrustStore(Path file, String password) {
            tlsTrustStore = Optional.of(new TlsTrustStore(file, password));
            return this;
        }

        /** The trust store, or empty for the JVM's default one. */
        public Builder tlsTrustStore(Optional<TlsTrustStore> v) {
            tlsTrustStore = v;
            return this;
        }

        public Builder gsm7DataCoding(int v) {
            gsm7DataCoding = v;
            return this;
        }

        public Builder concatMode(ConcatMode v) {
            concatMode = v;
            return this;
        }

        public Builder maxParts(int v) {
            maxParts = v;
            return this;
        }

        public Builder idFormats(MessageIdFormat inSubmitResponse, MessageIdFormat inReceipt) {
            submitIdFormat = inSubmitResponse;
            receiptIdFormat = inReceipt;
            return this;
        }

        public Builder receiptPolicy(MultipartReceiptPolicy v) {
            receiptPolicy = v;
            return this;
        }

        public Builder shutdownTimeout(Duration v) {
            shutdownTimeout = v;
            return this;
        }

        public ConnectorConfig build() {
            return new ConnectorConfig(name, host, port, systemId, password, systemType, bindMode, binds, windowSize,
                    maxSubmitsPerSecond, enquireLinkInterval, responseTimeout, bindTimeout, rebindInitialDelay,
                    rebindMaxDelay, alreadyBoundDelay, throttleInitialDelay, throttleMaxDelay, maxTransientRetries,
                    queueCapacity, tls, tlsTrustStore, gsm7DataCoding, concatMode, maxParts, submitIdFormat,
                    receiptIdFormat, receiptPolicy, shutdownTimeout);
        }
    }
}
