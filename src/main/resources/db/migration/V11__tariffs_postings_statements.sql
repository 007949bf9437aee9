-- V11: tariffs, rating postings, billing periods and finance keys (io.peyk.gateway.billing).
--
-- Rating is "rate the whole period again, post the difference": a period's usage aggregates are rated with the
-- partner's tariff versions, what was posted for that period before is summed per line (billing_posting_line), and the
-- difference is posted as one revision (billing_revision) with one ledger transfer. A revision goes into the period of
-- the usage while that period is open, else into the next open period as an adjustment. Everything here is append-only
-- except the work queue (rating_due) and the finance keys' revocation time.

-- Tariff versions: never edited; a correction is a new version (same or later effective time, higher number).
CREATE TABLE tariff (
    partner_id             uuid          NOT NULL REFERENCES partner (id),
    version                integer       NOT NULL CHECK (version >= 1),
    effective_from         timestamptz   NOT NULL,
    currency               text          NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    -- The partner's share of the data revenue the operator earns from its app's traffic, in percent.
    revenue_share_percent  numeric(7, 4) NOT NULL CHECK (revenue_share_percent BETWEEN 0 AND 100),
    -- {"SMS_SEGMENT": [{"upTo": "10000", "unitPrice": "120"}, {"unitPrice": "100"}], ...}: graduated prices per meter.
    prices                 jsonb         NOT NULL,
    note                   text          NOT NULL DEFAULT '' CHECK (char_length(note) <= 500),
    created_at             timestamptz   NOT NULL DEFAULT now(),
    PRIMARY KEY (partner_id, version)
);
CREATE TRIGGER tariff_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON tariff
    FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_change();

-- Periods finance has closed (a period without a row is open). Months are YYYY-MM in each partner's zone.
CREATE TABLE billing_period (
    period      text        PRIMARY KEY CHECK (period ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
    closed_at   timestamptz NOT NULL DEFAULT now(),
    closed_by   text        NOT NULL CHECK (char_length(closed_by) BETWEEN 1 AND 200)
);
CREATE TRIGGER billing_period_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON billing_period
    FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_change();

-- The work queue of the rater: (partner, usage period) pairs whose usage or tariffs changed. seq grows with every mark,
-- so the rater removes only the mark it has rated (a mark made while it rated stays).
CREATE TABLE rating_due (
    partner_id  uuid        NOT NULL REFERENCES partner (id),
    period      text        NOT NULL CHECK (period ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
    seq         bigint      NOT NULL DEFAULT 1,
    -- The latest mark, and the first one not yet rated: the rater waits for marks to settle, but not forever.
    marked_at   timestamptz NOT NULL DEFAULT now(),
    first_marked_at timestamptz NOT NULL DEFAULT now(),
    -- After a failure (e.g. mixed currencies in one period) the pair waits until then; last_error says why.
    retry_at    timestamptz NOT NULL DEFAULT now(),
    last_error  text,
    PRIMARY KEY (partner_id, period)
);

-- One row per posting: revision n of a (partner, usage period), the period it was posted into, and its ledger totals.
CREATE TABLE billing_revision (
    partner_id      uuid        NOT NULL REFERENCES partner (id),
    usage_period    text        NOT NULL,
    revision        integer     NOT NULL CHECK (revision >= 1),
    posted_period   text        NOT NULL CHECK (posted_period >= usage_period),
    currency        text        NOT NULL,
    -- The ledger transfer (absent when only quantities changed); a name-based id of partner, usage period and revision.
    transfer_id     uuid        REFERENCES ledger_transfer (id),
    charges_minor   bigint      NOT NULL,
    revenue_minor   bigint      NOT NULL,
    share_minor     bigint      NOT NULL,
    expense_minor   bigint      NOT NULL,
    -- Aggregated events and quantity the revision was rated from (traceability).
    rated_events    bigint      NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (partner_id, usage_period, revision)
);
CREATE INDEX billing_revision_posted_idx ON billing_revision (posted_period, partner_id);
CREATE TRIGGER billing_revision_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON billing_revision
    FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_change();

-- The changed lines of a revision; the sum over revisions per key is the period's posted line.
CREATE TABLE billing_posting_line (
    partner_id            uuid           NOT NULL,
    usage_period          text           NOT NULL,
    revision              integer        NOT NULL,
    meter                 text           NOT NULL,
    tariff_version        integer        NOT NULL,
    tier                  integer        NOT NULL,
    unit                  text           NOT NULL,
    unit_price            numeric(28, 10) NOT NULL,
    quantity              numeric(28, 6) NOT NULL,
    amount_minor          bigint         NOT NULL,
    operator_share_minor  bigint         NOT NULL,
    partner_share_minor   bigint         NOT NULL,
    PRIMARY KEY (partner_id, usage_period, revision, meter, tariff_version, tier),
    FOREIGN KEY (partner_id, usage_period, revision) REFERENCES billing_revision (partner_id, usage_period, revision),
    CHECK (operator_share_minor + partner_share_minor = amount_minor)
);
CREATE TRIGGER billing_posting_line_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON billing_posting_line
    FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_change();

-- Settlements of closed statements (the net paid), one per partner and period.
CREATE TABLE statement_settlement (
    partner_id   uuid        NOT NULL REFERENCES partner (id),
    period       text        NOT NULL REFERENCES billing_period (period),
    transfer_id  uuid        REFERENCES ledger_transfer (id),
    reference    text        NOT NULL CHECK (char_length(reference) BETWEEN 1 AND 200),
    settled_at   timestamptz NOT NULL DEFAULT now(),
    settled_by   text        NOT NULL,
    PRIMARY KEY (partner_id, period)
);
CREATE TRIGGER statement_settlement_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON statement_settlement
    FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_change();

-- The operator's cash account receives and pays settlements.
ALTER TABLE ledger_account DROP CONSTRAINT ledger_account_kind;
ALTER TABLE ledger_account ADD CONSTRAINT ledger_account_kind CHECK (kind IN ('partner_receivable', 'partner_payable',
    'operator_revenue', 'operator_expense', 'operator_cash', 'rounding', 'suspense'));

-- Finance API keys: see every partner's statements, close periods, record settlements. Only the SHA-256 is kept.
CREATE TABLE finance_key (
    id          uuid        PRIMARY KEY,
    name        text        NOT NULL CHECK (char_length(name) BETWEEN 1 AND 100),
    key_hash    bytea       NOT NULL UNIQUE CHECK (octet_length(key_hash) = 32),
    prefix      text        NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    revoked_at  timestamptz
);

-- Usage already metered before this migration is due for rating.
INSERT INTO rating_due (partner_id, period)
SELECT DISTINCT a.partner_id, to_char(a.bucket_start AT TIME ZONE p.time_zone, 'YYYY-MM')
  FROM usage_aggregate a JOIN partner p ON p.id = a.partner_id
ON CONFLICT DO NOTHING;
