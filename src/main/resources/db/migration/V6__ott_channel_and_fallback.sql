-- V6: the operator-hosted app channel (OTT) first, SMS as the safety net.
-- A message carries a channel plan: an optional OTT hop (opaque payload pushed to the partner's app, with the status that
-- counts as success and how long to wait for it) and an optional SMS hop (the text). The OTT payload is kept only until
-- the app acknowledged it or the copy was revoked, then set to NULL.

-- The partner's default plan for requests without one: a JSON array of hops without content, e.g.
-- [{"type":"ott","successStatus":"DELIVERED","fallbackAfterSeconds":30},{"type":"sms"}]. NULL means SMS only.
ALTER TABLE partner ADD COLUMN default_channels jsonb;

ALTER TABLE message DROP CONSTRAINT message_status_check;
ALTER TABLE message ADD CONSTRAINT message_status_check
    CHECK (status IN ('ACCEPTED', 'OTT_PENDING', 'SMS_FALLBACK', 'SUBMITTED', 'DELIVERED', 'READ', 'UNDELIVERABLE',
                      'EXPIRED', 'REJECTED', 'FAILED'));
-- An OTT-only message has no SMS encoding and no segments.
ALTER TABLE message ALTER COLUMN encoding DROP NOT NULL;
ALTER TABLE message DROP CONSTRAINT message_segments_check;
ALTER TABLE message ADD CONSTRAINT message_segments_check CHECK (segments BETWEEN 0 AND 255);

ALTER TABLE message
    -- The channel the message is on now: 'ott' until it is delivered there or falls back, then 'sms'.
    ADD COLUMN channel                     text    NOT NULL DEFAULT 'sms' CHECK (channel IN ('ott', 'sms')),
    -- Whether an SMS hop follows the OTT hop.
    ADD COLUMN sms_fallback                boolean NOT NULL DEFAULT false,
    ADD COLUMN ott_payload                 bytea   CHECK (ott_payload IS NULL OR octet_length(ott_payload) <= 65536),
    ADD COLUMN ott_payload_bytes           integer,
    ADD COLUMN ott_success_status          text    CHECK (ott_success_status IN ('DELIVERED', 'READ')),
    ADD COLUMN ott_fallback_after_seconds  integer CHECK (ott_fallback_after_seconds BETWEEN 1 AND 604800),
    ADD COLUMN ott_delivered_at            timestamptz,
    ADD COLUMN ott_read_at                 timestamptz,
    ADD COLUMN ott_revoked_at              timestamptz,
    -- An acknowledgement that arrived after the OTT copy was revoked: recorded, never delivered again.
    ADD COLUMN ott_late_ack_status         text,
    ADD COLUMN ott_late_ack_at             timestamptz,
    -- The durable fallback timer: set while the message waits for the app, cleared when it fires or is no longer needed.
    ADD COLUMN fallback_due_at             timestamptz,
    ADD COLUMN fallback_reason             text    CHECK (fallback_reason IN ('no_device', 'push_refused', 'timeout')),
    ADD COLUMN fallback_at                 timestamptz;

-- The dispatcher's queue now holds first-hop messages (ACCEPTED) and fallen-back ones (SMS_FALLBACK).
DROP INDEX message_dispatch_idx;
CREATE INDEX message_dispatch_idx ON message (next_attempt_at) WHERE status IN ('ACCEPTED', 'SMS_FALLBACK');
CREATE INDEX message_fallback_due_idx ON message (fallback_due_at) WHERE fallback_due_at IS NOT NULL;
-- What a (re)connecting app receives, in acceptance order (UUIDv7 ids sort by time).
CREATE INDEX message_ott_pending_idx ON message (partner_id, to_number, id) WHERE status = 'OTT_PENDING';

-- Gateway instances and the device connections each holds, so that an instance accepting a message knows whether the
-- number has a live device anywhere. An instance counts as alive while its heartbeat is recent.
CREATE TABLE gateway_instance (
    id            text        PRIMARY KEY,
    started_at    timestamptz NOT NULL DEFAULT now(),
    heartbeat_at  timestamptz NOT NULL
);

CREATE TABLE device_presence (
    connection_id  uuid        PRIMARY KEY,
    instance_id    text        NOT NULL,
    partner_id     uuid        NOT NULL REFERENCES partner (id),
    msisdn         text        NOT NULL,
    token_id       uuid        NOT NULL,
    connected_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX device_presence_number_idx ON device_presence (partner_id, msisdn);
CREATE INDEX device_presence_instance_idx ON device_presence (instance_id);
