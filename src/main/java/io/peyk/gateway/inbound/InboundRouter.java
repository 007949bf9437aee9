package io.peyk.gateway.inbound;

import java.time.Duration;
import java.time.ZoneOffset;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.peyk.gateway.message.MessageIds;
import io.peyk.smpp.BridgeEvent;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Routes mobile-originated SMS to the partner whose sender id (short code or number) it was sent to, as a signed
 * {@code message.inbound} webhook with the same retries as status webhooks. One statement stores the MO and its webhook
 * before the SMSC gets its answer; a failure answers ESME_RSYSERR and the SMSC delivers it again. MO to a destination no
 * active partner owns is kept ({@code routed = false}) and counted, never dropped. A routed MO also writes its usage
 * event ({@code peyk.usage-events}) to the outbox in the same statement. The text is never logged.
 */
@ApplicationScoped
public class InboundRouter {

    private static final Logger LOG = Logger.getLogger(InboundRouter.class);
    private static final Duration STORE_TIMEOUT = Duration.ofSeconds(10);

    private final Pool pool;
    private final Counter received;
    private final Counter unroutable;

    InboundRouter(Pool pool, MeterRegistry registry) {
        this.pool = pool;
        this.received = Counter.builder("peyk.inbound.received").description("MO messages received").register(registry);
        this.unroutable = Counter.builder("peyk.inbound.unroutable")
                .description("MO messages whose destination no active partner owns (kept for the operator)")
                .register(registry);
    }

    /** The usage event of a routed MO (kind {@code sms.inbound}); the statement fills in the partner. */
    static JsonObject usage(UUID inboundId, BridgeEvent.InboundSms mo) {
        return new JsonObject().put("eventId", MessageIds.next().toString()).put("kind", "sms.inbound")
                .put("partnerId", (String) null).put("number", mo.source()).put("quantity", 1).put("unit", "message")
                .put("eventTime", mo.at().toString()).put("source", "gateway").put("inboundId", inboundId.toString())
                .put("parts", mo.parts()).put("connector", mo.connector());
    }

    public void on(BridgeEvent.InboundSms mo) {
        UUID id = MessageIds.next();
        UUID eventId = MessageIds.next();
        JsonObject webhook = new JsonObject().put("eventId", eventId.toString()).put("type", "message.inbound")
                .put("inboundId", id.toString()).put("from", mo.source()).put("to", mo.destination()).put("text", mo.text())
                .put("parts", mo.parts()).put("complete", mo.complete()).put("receivedAt", mo.at().toString());
        boolean routed = pool.preparedQuery("""
                WITH p AS (SELECT id, webhook_url FROM partner
                            WHERE status = 'ACTIVE' AND $5 = ANY(sender_ids) ORDER BY created_at, id LIMIT 1),
                i AS (INSERT INTO inbound_message (id, partner_id, connector, source, destination, text, data_coding, parts,
                                                   complete, routed, received_at)
                      SELECT $1, (SELECT id FROM p), $3, $4, $5, $6, $7, $8, $9, EXISTS (SELECT 1 FROM p), $2),
                w AS (INSERT INTO webhook_delivery (event_id, partner_id, message_id, url, payload)
                      SELECT $10, p.id, $1, p.webhook_url, $11 FROM p WHERE p.webhook_url IS NOT NULL),
                u AS (INSERT INTO outbox (topic, record_key, payload)
                      SELECT 'peyk.usage-events', p.id::text, jsonb_set($12::jsonb, '{partnerId}', to_jsonb(p.id::text))
                        FROM p)
                SELECT EXISTS (SELECT 1 FROM p)""")
                .execute(Tuple.tuple().addUUID(id).addOffsetDateTime(mo.at().atOffset(ZoneOffset.UTC))
                        .addString(mo.connector()).addString(mo.source()).addString(mo.destination()).addString(mo.text())
                        .addInteger(mo.dataCoding()).addInteger(mo.parts()).addBoolean(mo.complete()).addUUID(eventId)
                        .addValue(webhook).addValue(usage(id, mo)))
                .await().atMost(STORE_TIMEOUT).iterator().next().getBoolean(0);
        received.increment();
        if (!routed) {
            unroutable.increment();
            LOG.warnf("MO to %s on connector %s matches no active partner; kept as unroutable (%s)", mo.destination(),
                    mo.connector(), id);
        }
    }
}
