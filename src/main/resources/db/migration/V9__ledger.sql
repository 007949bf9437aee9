-- V9: the double-entry ledger (io.peyk.billing.ledger). Accounts hold a balance in integer minor units of one currency;
-- a transfer moves money between accounts in two or more entries (legs) that balance per currency. PostgreSQL, not only
-- the Java side, keeps the invariants:
--   * every transfer balances per currency and has exactly the legs it declares (deferred constraint triggers, checked
--     at commit, so a transfer's legs may be written in any number of statements of its transaction);
--   * transfers and entries are append-only (UPDATE, DELETE and TRUNCATE refused): a mistake is corrected by a reversing
--     transfer that points at the original, negates each of its legs, and can exist only once per original;
--   * an account's balance is the sum of its entries and its version is their count (only the entry trigger changes
--     them; versions only grow);
--   * an entry's currency is its account's (the foreign key includes the currency).
-- Amounts are signed: positive = debit, negative = credit.

CREATE TABLE ledger_account (
    -- Derived from the code (a name-based UUID, io.peyk.billing.ledger.Account), so one account has one id everywhere.
    id             uuid        NOT NULL,
    -- 'partner:<uuid>:receivable:IRR', 'operator:revenue:IRR', ...: the kind, partner and currency, spelled out.
    code           text        NOT NULL,
    kind           text        NOT NULL,
    partner_id     uuid        CONSTRAINT ledger_account_partner_fk REFERENCES partner (id),
    currency       text        NOT NULL,
    balance_minor  bigint      NOT NULL DEFAULT 0,
    version        bigint      NOT NULL DEFAULT 0,
    created_at     timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT ledger_account_pk PRIMARY KEY (id),
    CONSTRAINT ledger_account_code_key UNIQUE (code),
    -- The target of ledger_entry's (account_id, currency) foreign key.
    CONSTRAINT ledger_account_id_currency_key UNIQUE (id, currency),
    CONSTRAINT ledger_account_kind CHECK (kind IN ('partner_receivable', 'partner_payable', 'operator_revenue',
                                                   'operator_expense', 'rounding', 'suspense')),
    -- Partner accounts belong to one partner; the operator's accounts to none.
    CONSTRAINT ledger_account_partner CHECK ((kind IN ('partner_receivable', 'partner_payable')) = (partner_id IS NOT NULL)),
    CONSTRAINT ledger_account_currency CHECK (currency ~ '^[A-Z]{3}$'),
    CONSTRAINT ledger_account_code_form CHECK (code = CASE WHEN partner_id IS NULL THEN 'operator'
                                                           ELSE 'partner:' || partner_id::text END
                                                      || ':' || regexp_replace(kind, '^(partner|operator)_', '')
                                                      || ':' || currency),
    CONSTRAINT ledger_account_version CHECK (version >= 0)
);
CREATE INDEX ledger_account_partner_idx ON ledger_account (partner_id) WHERE partner_id IS NOT NULL;

CREATE TABLE ledger_transfer (
    -- Chosen by the caller (time-sortable), persisted before the legs: posting the same id again is idempotent.
    id            uuid        NOT NULL,
    -- Why money moved.
    code          text        NOT NULL,
    -- The transfer this one reverses (code 'reversal'); each transfer is reversed at most once.
    reverses      uuid,
    -- The partner the transfer is about (a label for statements: the partner accounts it touches belong to it).
    partner_id    uuid,
    -- The billing month it belongs to, YYYY-MM in the partner's time zone.
    period        text,
    -- The number of legs: entries are numbered 0 .. leg_count - 1, and no entry can be added to a committed transfer.
    leg_count     smallint    NOT NULL,
    -- SHA-256 of the canonical content (io.peyk.billing.ledger.LedgerPostings): a retry carries the same hash.
    content_hash  bytea       NOT NULL,
    description   text        NOT NULL DEFAULT '',
    created_at    timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT ledger_transfer_pk PRIMARY KEY (id),
    CONSTRAINT ledger_transfer_reverses_key UNIQUE (reverses),
    CONSTRAINT ledger_transfer_reverses_fk FOREIGN KEY (reverses) REFERENCES ledger_transfer (id),
    CONSTRAINT ledger_transfer_code CHECK (code IN ('usage', 'revenue_share', 'adjustment', 'settlement', 'reversal')),
    CONSTRAINT ledger_transfer_reversal_code CHECK ((code = 'reversal') = (reverses IS NOT NULL)),
    CONSTRAINT ledger_transfer_not_self CHECK (reverses <> id),
    CONSTRAINT ledger_transfer_period CHECK (period ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
    CONSTRAINT ledger_transfer_leg_count CHECK (leg_count BETWEEN 2 AND 64),
    CONSTRAINT ledger_transfer_content_hash CHECK (octet_length(content_hash) = 32),
    CONSTRAINT ledger_transfer_description CHECK (char_length(description) <= 500)
);

CREATE TABLE ledger_entry (
    transfer_id   uuid     NOT NULL CONSTRAINT ledger_entry_transfer_fk REFERENCES ledger_transfer (id),
    seq           smallint NOT NULL,
    account_id    uuid     NOT NULL,
    currency      text     NOT NULL,
    amount_minor  bigint   NOT NULL,
    CONSTRAINT ledger_entry_pk PRIMARY KEY (transfer_id, seq),
    CONSTRAINT ledger_entry_account_fk FOREIGN KEY (account_id, currency) REFERENCES ledger_account (id, currency),
    CONSTRAINT ledger_entry_seq CHECK (seq BETWEEN 0 AND 63),
    -- Never zero, and never the one bigint without a negation (so that every leg can be reversed).
    CONSTRAINT ledger_entry_amount CHECK (amount_minor <> 0 AND amount_minor > -9223372036854775808)
);
-- An account's entries, paged by (transfer_id, seq).
CREATE INDEX ledger_entry_account_idx ON ledger_entry (account_id, transfer_id, seq);

-- Append-only: no UPDATE, DELETE or TRUNCATE of transfers and entries (statement triggers: refused even when no row
-- matches, and an INSERT ... ON CONFLICT DO UPDATE too).
CREATE FUNCTION ledger_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% is append-only: % refused (correct a transfer with a reversing transfer)', TG_TABLE_NAME, TG_OP
        USING ERRCODE = 'restrict_violation', TABLE = TG_TABLE_NAME;
END
$$;
CREATE TRIGGER ledger_transfer_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON ledger_transfer
    FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_change();
CREATE TRIGGER ledger_entry_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON ledger_entry
    FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_change();

-- Balances: after each INSERT statement on ledger_entry, every touched account gets the sum of its new entries and its
-- version grows by their count. The accounts are locked in id order first, so concurrent transfers over the same (hot)
-- accounts queue instead of deadlocking, whatever the order of their legs. A balance leaving the bigint range fails.
CREATE FUNCTION ledger_entry_apply() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM 1 FROM ledger_account WHERE id IN (SELECT account_id FROM new_entries) ORDER BY id FOR NO KEY UPDATE;
    UPDATE ledger_account a
       SET balance_minor = a.balance_minor + d.amount,
           version = a.version + d.entries
      FROM (SELECT account_id, sum(amount_minor) AS amount, count(*) AS entries
              FROM new_entries GROUP BY account_id) d
     WHERE a.id = d.account_id;
    RETURN NULL;
END
$$;
CREATE TRIGGER ledger_entry_balance AFTER INSERT ON ledger_entry REFERENCING NEW TABLE AS new_entries
    FOR EACH STATEMENT EXECUTE FUNCTION ledger_entry_apply();

-- Accounts open at zero, are never deleted, and change only through the entry trigger above (nested, hence trigger
-- depth 2): identity columns never, versions only upwards.
CREATE FUNCTION ledger_account_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        IF NEW.balance_minor <> 0 OR NEW.version <> 0 THEN
            RAISE EXCEPTION 'a ledger account opens with balance 0 and version 0'
                USING ERRCODE = 'check_violation', CONSTRAINT = 'ledger_account_opening';
        END IF;
        RETURN NEW;
    ELSIF TG_OP = 'UPDATE' THEN
        IF pg_trigger_depth() < 2
           OR (NEW.id, NEW.code, NEW.kind, NEW.partner_id, NEW.currency, NEW.created_at)
              IS DISTINCT FROM (OLD.id, OLD.code, OLD.kind, OLD.partner_id, OLD.currency, OLD.created_at)
           OR NEW.version <= OLD.version THEN
            RAISE EXCEPTION 'ledger_account changes only by posting entries: UPDATE refused'
                USING ERRCODE = 'restrict_violation', TABLE = TG_TABLE_NAME;
        END IF;
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'ledger_account rows are never removed: % refused', TG_OP
        USING ERRCODE = 'restrict_violation', TABLE = TG_TABLE_NAME;
END
$$;
CREATE TRIGGER ledger_account_guard BEFORE INSERT OR UPDATE OR DELETE ON ledger_account
    FOR EACH ROW EXECUTE FUNCTION ledger_account_guard();
CREATE TRIGGER ledger_account_no_truncate BEFORE TRUNCATE ON ledger_account
    FOR EACH STATEMENT EXECUTE FUNCTION ledger_account_guard();

-- The whole check of one transfer, at commit: exactly leg_count entries numbered 0 .. leg_count - 1, a zero sum per
-- currency, and for a reversal every leg of the original negated (same seq, account and currency).
CREATE FUNCTION ledger_check_transfer(p_transfer uuid) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    t             ledger_transfer%ROWTYPE;
    legs          integer;
    top_seq       integer;
    off_currency  text;
    original_legs integer;
    negated       integer;
BEGIN
    SELECT * INTO t FROM ledger_transfer WHERE id = p_transfer;
    IF NOT FOUND THEN
        RETURN; -- an entry without its transfer is refused by the foreign key
    END IF;
    SELECT count(*), max(seq) INTO legs, top_seq FROM ledger_entry WHERE transfer_id = p_transfer;
    IF legs <> t.leg_count OR top_seq >= t.leg_count THEN
        RAISE EXCEPTION 'ledger transfer % has % entries, it declares %', p_transfer, legs, t.leg_count
            USING ERRCODE = 'check_violation', CONSTRAINT = 'ledger_transfer_legs', TABLE = 'ledger_transfer';
    END IF;
    SELECT currency INTO off_currency FROM ledger_entry WHERE transfer_id = p_transfer
     GROUP BY currency HAVING sum(amount_minor) <> 0 ORDER BY currency LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'ledger transfer % does not balance in %', p_transfer, off_currency
            USING ERRCODE = 'check_violation', CONSTRAINT = 'ledger_transfer_balanced', TABLE = 'ledger_transfer';
    END IF;
    IF t.reverses IS NOT NULL THEN
        SELECT leg_count INTO original_legs FROM ledger_transfer WHERE id = t.reverses;
        SELECT count(*) INTO negated
          FROM ledger_entry r
          JOIN ledger_entry o ON o.transfer_id = t.reverses AND o.seq = r.seq AND o.account_id = r.account_id
                             AND o.currency = r.currency AND o.amount_minor = -r.amount_minor
         WHERE r.transfer_id = p_transfer;
        IF original_legs IS DISTINCT FROM t.leg_count OR negated <> t.leg_count THEN
            RAISE EXCEPTION 'ledger transfer % does not negate every leg of %', p_transfer, t.reverses
                USING ERRCODE = 'check_violation', CONSTRAINT = 'ledger_transfer_reversal', TABLE = 'ledger_transfer';
        END IF;
    END IF;
END
$$;

CREATE FUNCTION ledger_entry_check() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM ledger_check_transfer(NEW.transfer_id);
    RETURN NULL;
END
$$;
-- Per entry: also catches entries added to a transfer committed earlier.
CREATE CONSTRAINT TRIGGER ledger_entry_balanced AFTER INSERT ON ledger_entry
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION ledger_entry_check();

CREATE FUNCTION ledger_transfer_check() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM ledger_check_transfer(NEW.id);
    RETURN NULL;
END
$$;
-- Per transfer: also catches a transfer written without its entries.
CREATE CONSTRAINT TRIGGER ledger_transfer_complete AFTER INSERT ON ledger_transfer
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION ledger_transfer_check();
