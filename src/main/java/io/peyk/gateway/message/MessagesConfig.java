package io.peyk.gateway.message;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Limits of the partner messaging API and its dispatcher. */
@ConfigMapping(prefix = "peyk.messages")
public interface MessagesConfig {

    /** Region for destination numbers written without a country code. */
    @WithDefault("IR")
    String defaultRegion();

    /** Most messages in one batch request. */
    @WithDefault("1000")
    int maxBatchSize();

    /** Longest text accepted, in characters (the SMS part cap of the connector applies as well). */
    @WithDefault("2000")
    int maxTextChars();

    @WithDefault("60")
    int minValiditySeconds();

    @WithDefault("259200")
    int maxValiditySeconds();

    /** Limits of the OTT (app channel) hop of a channel plan. */
    Ott ott();

    interface Ott {

        /** Largest OTT payload accepted, in bytes (decoded). */
        @WithDefault("16384")
        int maxPayloadBytes();

        /** Wait for the app's acknowledgement when a hop names none. */
        @WithDefault("30")
        int defaultFallbackAfterSeconds();

        @WithDefault("604800")
        int maxFallbackAfterSeconds();

        /** Payloads up to this size travel inside the push notification; larger ones are read by the device's instance. */
        @WithDefault("4096")
        int maxInlinePayloadBytes();

        /** An instance whose heartbeat is older than this no longer counts as holding live devices. */
        @WithDefault("15S")
        Duration presenceTimeout();

        /** How often each instance looks for due fallback timers (bounds how late a timer fires). */
        @WithDefault("200MS")
        Duration timerPollInterval();

        /** Most timers fired at once per instance. */
        @WithDefault("32")
        int timerConcurrency();

        /** Most due timers read in one look. */
        @WithDefault("1000")
        int timerBatchSize();
    }

    /** The dispatcher that takes accepted messages from PostgreSQL to the SMPP bridge. */
    Dispatcher dispatcher();

    interface Dispatcher {

        /** Whether this instance dispatches (an API-only instance can turn it off). */
        @WithDefault("true")
        boolean enabled();

        /** Most messages claimed in one query. */
        @WithDefault("200")
        int batchSize();

        /**
         * Most messages this instance holds claimed and not yet submitted. This bounds what a crash can re-submit: after
         * a crash, at most this many messages (the in-flight window) go to the SMSC a second time.
         */
        @WithDefault("500")
        int maxInFlight();

        /** How often an idle dispatcher looks for due messages. */
        @WithDefault("100MS")
        Duration pollInterval();

        /**
         * The least time between two claims once woken by new messages, so that under load one claim query takes many
         * messages instead of one each.
         */
        @WithDefault("10MS")
        Duration minClaimInterval();

        /** How long a claim holds without renewal; a crashed instance's messages are taken over after it. */
        @WithDefault("30S")
        Duration lease();

        /** First wait before retrying a message the bridge could not take (busy, no bound connector). */
        @WithDefault("1S")
        Duration retryInitialDelay();

        @WithDefault("60S")
        Duration retryMaxDelay();

        /** Validity assumed for messages that set none, when deciding that a receipt will not come any more. */
        @WithDefault("72H")
        Duration defaultValidity();

        /** Extra wait after the validity before a submitted message without final receipt is EXPIRED. */
        @WithDefault("1H")
        Duration receiptGrace();

        /** How often the dispatcher looks for such messages. */
        @WithDefault("1M")
        Duration expiryInterval();

        /** Threads applying bridge events (submit responses, receipts) to PostgreSQL, in order per message. */
        @WithDefault("8")
        int eventStripes();

        /** Bridge events waiting per stripe; beyond it the SMPP reader waits (back-pressure, nothing dropped). */
        @WithDefault("10000")
        int eventQueuePerStripe();

        /**
         * At shutdown, the longest wait for the bridge's last events (submit responses, parts handed back, receipts) to
         * reach PostgreSQL; a message whose event is not written by then keeps its claim until its lease ends.
         */
        @WithDefault("10S")
        Duration drainTimeout();
    }
}
