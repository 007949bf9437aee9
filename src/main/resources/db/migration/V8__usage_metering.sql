-- V8: metering. Every usage event billing accepts is stored once per (source, event_id): the dedup key, claimed by the
-- same statement that adds the event to its hourly aggregate, so an event is never counted twice nor claimed without
-- being counted. Aggregates are per (partner, meter, local hour of the partner's zone), traceable to their events.

CREATE TABLE usage_event (
    source           text          NOT NULL CHECK (source IN ('gateway', 'packet-core', 'csv')),
    event_id         text          NOT NULL CHECK (char_length(event_id) BETWEEN 1 AND 128),
    partner_id       uuid          NOT NULL REFERENCES partner (id),
    meter            text          NOT NULL,
    number           text,
    quantity         numeric(24, 6) NOT NULL CHECK (quantity >= 0),
    event_time       timestamptz   NOT NULL,
    -- The start of the event's hour in the partner's time zone, as an instant.
    bucket_start     timestamptz   NOT NULL,
    received_at      timestamptz   NOT NULL DEFAULT now(),
    -- Where it was read (null for uploads): the way back to the raw record.
    kafka_topic      text,
    kafka_partition  integer,
    kafka_offset     bigint,
    PRIMARY KEY (source, event_id)
);
CREATE INDEX usage_event_bucket_idx ON usage_event (partner_id, meter, bucket_start);

CREATE TABLE usage_aggregate (
    partner_id    uuid           NOT NULL REFERENCES partner (id),
    meter         text           NOT NULL,
    bucket_start  timestamptz    NOT NULL,
    quantity      numeric(28, 6) NOT NULL,
    events        bigint         NOT NULL,
    updated_at    timestamptz    NOT NULL DEFAULT now(),
    PRIMARY KEY (partner_id, meter, bucket_start)
);
