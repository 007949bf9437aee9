package io.peyk.gateway.webhook;

import java.util.UUID;

/**
 * A webhook delivery this instance has claimed (leased) and is about to send: where, what (the exact body bytes that
 * are signed), and the partner's signing secret. {@link #toString()} leaves out the body and the secret.
 */
record ClaimedDelivery(long id, UUID eventId, UUID partnerId, String url, String body, int attempts, String secret) {

    @Override
    public String toString() {
        return "ClaimedDelivery[id=" + id + ", eventId=" + eventId + ", partnerId=" + partnerId + ", attempts=" + attempts
                + "]";
    }
}
