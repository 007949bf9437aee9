-- V1: SMPP part-id mapping and unmatched receipts.
--
-- Why a table and not memory: an SMSC answers every submit_sm with its own message id, and the delivery receipt
-- (deliver_sm, hours or days later) quotes only that id. Keeping id -> message in PostgreSQL lets a receipt map back
-- to the partner's message after a gateway restart or when another gateway instance receives it.

CREATE TABLE smpp_part_id (
    -- Name of the SMPP connector (the SMSC bind) that submitted the part: SMSC ids are only unique per SMSC.
    connector        text        NOT NULL,
    -- The SMSC's message id for this part, normalised per connector setting (base, case, leading zeros) so the id in
    -- submit_sm_resp and the id in the receipt compare equal. SMPP caps message_id at 65 octets including the NUL.
    smsc_message_id  text        NOT NULL,
    -- The gateway's reference of the whole (possibly multipart) message.
    message_ref      text        NOT NULL,
    -- 1-based position of this part and the number of parts (the UDH/SAR counters are one octet).
    part_seq         integer     NOT NULL,
    part_total       integer     NOT NULL,
    submitted_at     timestamptz NOT NULL,
    -- Receipt lookup is always (connector, id): the primary key is that lookup's index.
    CONSTRAINT smpp_part_id_pk PRIMARY KEY (connector, smsc_message_id),
    CONSTRAINT smpp_part_id_connector_len CHECK (char_length(connector) BETWEEN 1 AND 64),
    CONSTRAINT smpp_part_id_message_id_len CHECK (char_length(smsc_message_id) BETWEEN 1 AND 64),
    CONSTRAINT smpp_part_id_message_ref_len CHECK (char_length(message_ref) BETWEEN 1 AND 128),
    CONSTRAINT smpp_part_id_part_total CHECK (part_total BETWEEN 1 AND 255),
    CONSTRAINT smpp_part_id_part_seq CHECK (part_seq BETWEEN 1 AND part_total)
);

-- All parts of one message (delivery policy "delivered when its parts are", status queries); part_seq keeps them
-- ordered and makes (message_ref, part_seq) lookups index-only.
CREATE INDEX smpp_part_id_message_ref_idx ON smpp_part_id (message_ref, part_seq);
-- Retention: mappings older than the longest validity period are purged by age.
CREATE INDEX smpp_part_id_submitted_at_idx ON smpp_part_id (submitted_at);

-- Receipts whose id matches no known part: kept and reported, never dropped (a late mapping, an id normalisation
-- mismatch or an SMSC bug). Only the receipt's status fields are kept: the message text ("text:" of the receipt,
-- short_message) is never stored.
CREATE TABLE smpp_unmatched_receipt (
    id                  bigserial   PRIMARY KEY,
    connector           text        NOT NULL,
    -- Normalised the same way as smpp_part_id.smsc_message_id so a re-match is a plain equality join.
    smsc_message_id     text        NOT NULL,
    -- Final or intermediate state as received: the stat: word (DELIVRD, UNDELIV, ...) or the message_state TLV name.
    state               text        NOT NULL,
    received_at         timestamptz NOT NULL DEFAULT now(),
    -- Raw fields of the receipt, as sent by the SMSC (nullable: vendors omit them).
    raw_message_id      text,
    message_state       smallint,
    network_error_code  text,
    err                 text,
    sub                 text,
    dlvrd               text,
    submit_date         text,
    done_date           text,
    esm_class           smallint,
    CONSTRAINT smpp_unmatched_receipt_connector_len CHECK (char_length(connector) BETWEEN 1 AND 64),
    CONSTRAINT smpp_unmatched_receipt_message_id_len CHECK (char_length(smsc_message_id) BETWEEN 1 AND 64),
    CONSTRAINT smpp_unmatched_receipt_state_len CHECK (char_length(state) BETWEEN 1 AND 16),
    CONSTRAINT smpp_unmatched_receipt_raw_id_len CHECK (raw_message_id IS NULL OR char_length(raw_message_id) <= 65),
    CONSTRAINT smpp_unmatched_receipt_message_state CHECK (message_state IS NULL OR message_state BETWEEN 0 AND 255),
    CONSTRAINT smpp_unmatched_receipt_esm_class CHECK (esm_class IS NULL OR esm_class BETWEEN 0 AND 255),
    CONSTRAINT smpp_unmatched_receipt_raw_len CHECK (
        coalesce(char_length(network_error_code), 0) <= 16
        AND coalesce(char_length(err), 0) <= 16
        AND coalesce(char_length(sub), 0) <= 16
        AND coalesce(char_length(dlvrd), 0) <= 16
        AND coalesce(char_length(submit_date), 0) <= 16
        AND coalesce(char_length(done_date), 0) <= 16)
);

-- Re-matching a receipt when its mapping shows up late, and "unmatched receipts of connector X" reports.
CREATE INDEX smpp_unmatched_receipt_lookup_idx ON smpp_unmatched_receipt (connector, smsc_message_id);
-- Reporting and retention by age.
CREATE INDEX smpp_unmatched_receipt_received_at_idx ON smpp_unmatched_receipt (received_at);
