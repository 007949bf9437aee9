-- V4: mobile-originated (MO) messages, reassembled by the SMPP bridge, routed to the partner that owns the destination
-- (one of its sender ids). Unroutable MO is kept here too (routed = false) for the operator, never dropped. The text is
-- purged after the retention period like outbound text.
CREATE TABLE inbound_message (
    id              uuid        PRIMARY KEY,
    partner_id      uuid        REFERENCES partner (id),
    connector       text        NOT NULL,
    source          text        NOT NULL,
    destination     text        NOT NULL,
    text            text,
    text_purged_at  timestamptz,
    data_coding     integer     NOT NULL,
    parts           integer     NOT NULL,
    complete        boolean     NOT NULL,
    routed          boolean     NOT NULL,
    received_at     timestamptz NOT NULL
);
CREATE INDEX inbound_message_unroutable_idx ON inbound_message (received_at) WHERE NOT routed;
CREATE INDEX inbound_message_partner_idx ON inbound_message (partner_id, received_at);
CREATE INDEX inbound_message_purge_idx ON inbound_message (received_at) WHERE text IS NOT NULL;
