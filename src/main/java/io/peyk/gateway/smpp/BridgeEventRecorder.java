package io.peyk.gateway.smpp;

import java.time.ZoneOffset;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.peyk.smpp.BridgeEvent;
import io.peyk.smpp.BridgeListener;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Keeps what the message flow does not: unmatched receipts go to {@code smpp_unmatched_receipt} (never dropped, stored
 * before the SMSC gets its answer), bind changes are logged, submit outcomes counted ({@link SubmitMetrics}). Message
 * content never reaches a log.
 */
@ApplicationScoped
public class BridgeEventRecorder implements BridgeListener {

    private static final Logger LOG = Logger.getLogger(BridgeEventRecorder.class);
    private static final int ID_MAX = 64;
    private static final java.time.Duration STORE_TIMEOUT = java.time.Duration.ofSeconds(10);

    private final Pool pool;
    private final SubmitMetrics submits;

    BridgeEventRecorder(Pool pool, SubmitMetrics submits) {
        this.pool = pool;
        this.submits = submits;
    }

    @Override
    public void on(BridgeEvent event) {
        submits.on(event);
        if (event instanceof BridgeEvent.UnmatchedReceipt u) {
            keepUnmatched(u);
        } else if (event instanceof BridgeEvent.BindStateChanged b) {
            LOG.debugf("SMPP %s/%s is %s: %s", b.connector(), b.bind(), b.state(), b.reason());
        }
    }

    private void keepUnmatched(BridgeEvent.UnmatchedReceipt u) {
        String id = u.smscMessageId().isEmpty() ? "(unparseable)" : u.smscMessageId();
        if (id.length() > ID_MAX) {
            id = id.substring(0, ID_MAX);
        }
        pool.preparedQuery("INSERT INTO smpp_unmatched_receipt (connector, smsc_message_id, state, received_at, err)"
                + " VALUES ($1, $2, $3, $4, $5)")
                .execute(Tuple.of(u.connector(), id, u.state().name(), u.at().atOffset(ZoneOffset.UTC),
                        u.errorCode().orElse(null)))
                // Stored before the deliver_sm is answered: a failure propagates and the SMSC delivers it again.
                .await().atMost(STORE_TIMEOUT);
    }
}
