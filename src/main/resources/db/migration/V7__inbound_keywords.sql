-- V7: keyword rules for MO on shared short codes. An MO to sender_id whose first word, normalised (NFKC, lower case,
-- ASCII digits, Persian yeh and kaf: io.peyk.gateway.inbound.Keywords), equals keyword goes to partner_id, before the
-- owner of the sender id; a rule whose partner is suspended keeps its MO unroutable. One partner per (sender_id, keyword).
CREATE TABLE inbound_keyword (
    sender_id   text        NOT NULL,
    keyword     text        NOT NULL,
    partner_id  uuid        NOT NULL REFERENCES partner (id),
    created_at  timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT inbound_keyword_pk PRIMARY KEY (sender_id, keyword),
    CONSTRAINT inbound_keyword_sender_id_length CHECK (char_length(sender_id) BETWEEN 1 AND 16),
    CONSTRAINT inbound_keyword_keyword_length CHECK (char_length(keyword) BETWEEN 1 AND 32),
    CONSTRAINT inbound_keyword_keyword_one_word CHECK (keyword !~ '[[:space:]]')
);
-- A partner's rules are counted (at most 1000 each) when one is added.
CREATE INDEX inbound_keyword_partner_idx ON inbound_keyword (partner_id);

-- The keyword of the rule that decided an MO's routing, normalised; NULL when no rule matched.
ALTER TABLE inbound_message ADD COLUMN keyword text;
