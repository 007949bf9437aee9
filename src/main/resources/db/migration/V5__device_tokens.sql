-- V5: device tokens for the operator-hosted app channel. A partner back end asks for a token for one of its users'
-- numbers; the app presents it when it connects. The token itself is signed (HMAC) and carries its expiry; this table
-- records every token issued so it can be revoked at once.
CREATE TABLE device_token (
    id          uuid        PRIMARY KEY,
    partner_id  uuid        NOT NULL REFERENCES partner (id),
    msisdn      text        NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    expires_at  timestamptz NOT NULL,
    revoked_at  timestamptz
);
CREATE INDEX device_token_partner_idx ON device_token (partner_id, msisdn);
