package io.peyk.gateway.smpp;

import java.time.ZoneOffset;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.peyk.smpp.BridgeEvent;
import io.peyk.smpp.BridgeListener;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Where bridge events land until the messaging issue consumes them: unmatched receipts are kept in
 * {@code smpp_unmatched_receipt} (never dropped), bind changes are logged. Message content never reaches a log.
 */
@ApplicationScoped
public class BridgeEventRecorder implements BridgeListener {

    private static final Logger LOG = Logger.getLogger(BridgeEventRecorder.class);
    private static final int ID_MAX = 64;

    private final Pool pool;

    BridgeEventRecorder(Pool pool) {
        this.pool = pool;
    }

    @Override
    public void on(BridgeEvent event) {
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
                .subscribe().with(ok -> {
                }, e -> LOG.errorf(e, "could not keep an unmatched receipt from connector %s", u.connector()));
    }
}
