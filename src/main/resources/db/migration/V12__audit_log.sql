-- V12: the audit log of admin and finance actions (io.peyk.gateway.audit): who, what, when and from where, for every
-- request to /admin and /v1/finance, refused ones included. Append-only like the ledger.
CREATE TABLE audit_log (
    id           bigserial   PRIMARY KEY,
    at           timestamptz NOT NULL DEFAULT now(),
    -- 'admin' (the operator's token), 'finance:<key name>', or 'unauthenticated'.
    actor        text        NOT NULL CHECK (char_length(actor) BETWEEN 1 AND 200),
    role         text        NOT NULL CHECK (role IN ('admin', 'finance')),
    method       text        NOT NULL CHECK (char_length(method) BETWEEN 1 AND 10),
    path         text        NOT NULL CHECK (char_length(path) BETWEEN 1 AND 500),
    status       integer     NOT NULL,
    remote_addr  text        NOT NULL CHECK (char_length(remote_addr) <= 100)
);
CREATE INDEX audit_log_actor_idx ON audit_log (actor, id);
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_change();
