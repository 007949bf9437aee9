package io.peyk.gateway.inbound;

import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.peyk.gateway.crypto.InboundWebhookText;
import io.peyk.gateway.crypto.TextCiphers;
import io.peyk.gateway.crypto.TextColumn;
import io.peyk.gateway.message.MessageIds;
import io.peyk.smpp.BridgeEvent;
import io.peyk.smpp.encoding.DecodedText;
import io.peyk.smpp.encoding.TextDecoder;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Routes mobile-originated SMS to a partner as a signed {@code message.inbound} webhook with the same retries as status
 * webhooks. The partner is chosen in this order: the keyword rule for the destination and the MO's keyword (its first
 * word, see {@link Keywords}; {@code inbound_keyword}), else the partner whose sender id (short code or number) the MO was
 * sent to, else nobody. A keyword rule claims its MO: when the rule's partner is suspended the MO is not handed to the
 * code's owner but kept unroutable, so that one partner never sees MO meant for another. Binary MO (8-bit data, its
 * text is hex) has no keyword. Suspended partners never receive MO.
 *
 * <p>
 * One statement chooses the partner and stores the MO, its webhook and its usage event ({@code peyk.usage-events},
 * outbox) before the SMSC gets its answer; a failure answers ESME_RSYSERR and the SMSC delivers it again. MO no active
 * partner receives is kept ({@code routed = false}) and counted, never dropped. The text and keyword are never logged.
 */
@ApplicationScoped
@io.quarkus.runtime.Startup // its metrics exist from the start, not from the first request
public class InboundRouter {

    private static final Logger LOG = Logger.getLogger(InboundRouter.class);
    private static final Duration STORE_TIMEOUT = Duration.ofSeconds(10);

    private final Pool pool;
    private final TextCiphers ciphers;
    private final Counter received;
    private final Counter unroutable;

    InboundRouter(Pool pool, MeterRegistry registry, TextCiphers ciphers) {
        this.pool = pool;
        this.ciphers = ciphers;
        this.received = Counter.builder("peyk.inbound.received").description("MO messages received").register(registry);
        this.unroutable = Counter.builder("peyk.inbound.unroutable")
                .description("MO messages no active partner receives: no keyword rule nor owner, or a suspended one"
                        + " (kept for the operator)")
                .register(registry);
    }

    /** The usage event of a routed MO (kind {@code sms.inbound}); the statement fills in the partner. */
    static JsonObject usage(UUID inboundId, BridgeEvent.InboundSms mo) {
        return new JsonObject().put("eventId", MessageIds.next().toString()).put("kind", "sms.inbound")
                .put("partnerId", (String) null).put("number", mo.source()).put("quantity", 1).put("unit", "message")
                .put("eventTime", mo.at().toString()).put("source", "gateway").put("inboundId", inboundId.toString())
                .put("parts", mo.parts()).put("connector", mo.connector());
    }

    /** The keyword of an MO, or empty when it has none (binary MO has none: its text is hex). */
    static Optional<String> keywordOf(BridgeEvent.InboundSms mo) {
        return isBinary(mo.dataCoding()) ? Optional.empty() : Keywords.ofText(mo.text());
    }

    /** Whether the bridge hands MO with this {@code data_coding} on as hex rather than text. */
    static boolean isBinary(int dataCoding) {
        return dataCoding < 0 || dataCoding > 0xFF
                || TextDecoder.decode(dataCoding, new byte[0]) instanceof DecodedText.Binary;
    }

    public void on(BridgeEvent.InboundSms mo) {
        UUID id = MessageIds.next();
        UUID eventId = MessageIds.next();
        // The text is sealed in the stored webhook body too, and opened when the webhook is sent.
        JsonObject webhook = InboundWebhookText.seal(new JsonObject().put("eventId", eventId.toString())
                .put("type", "message.inbound").put("inboundId", id.toString()).put("from", mo.source())
                .put("to", mo.destination()).put("text", (String) null).put("keyword", (String) null)
                .put("parts", mo.parts()).put("complete", mo.complete()).put("receivedAt", mo.at().toString()), mo.text(),
                ciphers.cipher());
        // k: the keyword rule of (destination, keyword), at most one (primary key). p: its partner if active; else, when
        // no rule matched, the active owner of the destination; else nothing.
        Row row = pool.preparedQuery("""
                WITH k AS (SELECT keyword, partner_id FROM inbound_keyword WHERE sender_id = $5 AND keyword = $13),
                p AS (SELECT id, webhook_url FROM partner
                       WHERE status = 'ACTIVE' AND id = (SELECT partner_id FROM k)
                      UNION ALL
                      (SELECT id, webhook_url FROM partner
                        WHERE NOT EXISTS (SELECT 1 FROM k) AND status = 'ACTIVE' AND $5 = ANY(sender_ids)
                        ORDER BY created_at, id LIMIT 1)),
                i AS (INSERT INTO inbound_message (id, partner_id, connector, source, destination, text, data_coding, parts,
                                                   complete, routed, received_at, keyword, text_enc)
                      SELECT $1, (SELECT id FROM p), $3, $4, $5, $6, $7, $8, $9, EXISTS (SELECT 1 FROM p), $2,
                             (SELECT keyword FROM k), $14),
                w AS (INSERT INTO webhook_delivery (event_id, partner_id, message_id, url, payload)
                      SELECT $10, p.id, $1, p.webhook_url,
                             jsonb_set($11::jsonb, '{keyword}', coalesce((SELECT to_jsonb(keyword) FROM k), 'null'::jsonb))
                        FROM p WHERE p.webhook_url IS NOT NULL),
                u AS (INSERT INTO outbox (topic, record_key, payload)
                      SELECT 'peyk.usage-events', p.id::text, jsonb_set($12::jsonb, '{partnerId}', to_jsonb(p.id::text))
                        FROM p)
                SELECT EXISTS (SELECT 1 FROM p), EXISTS (SELECT 1 FROM k)""")
                .execute(Tuple.tuple().addUUID(id).addOffsetDateTime(mo.at().atOffset(ZoneOffset.UTC))
                        .addString(mo.connector()).addString(mo.source()).addString(mo.destination()).addString(null)
                        .addInteger(mo.dataCoding()).addInteger(mo.parts()).addBoolean(mo.complete()).addUUID(eventId)
                        .addValue(webhook).addValue(usage(id, mo)).addString(keywordOf(mo).orElse(null))
                        // The text only encrypted (io.peyk.gateway.crypto): the plaintext column stays NULL.
                        .addValue(mo.text() == null
                                ? null
                                : Buffer.buffer(ciphers.cipher().encrypt(TextColumn.INBOUND_TEXT, id, mo.text()))))
                .await().atMost(STORE_TIMEOUT).iterator().next();
        received.increment();
        if (!row.getBoolean(0)) {
            unroutable.increment();
            if (row.getBoolean(1)) {
                LOG.warnf("MO to %s on connector %s matches a keyword rule whose partner is not active; kept as"
                        + " unroutable (%s)", mo.destination(), mo.connector(), id);
            } else {
                LOG.warnf("MO to %s on connector %s matches no active partner; kept as unroutable (%s)",
                        mo.destination(), mo.connector(), id);
            }
        }
    }
}
