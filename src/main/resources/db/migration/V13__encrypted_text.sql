-- V13: message text and MO text encrypted at rest (io.peyk.gateway.crypto.TextCipher). New rows store the text only in
-- text_enc (an AES-256-GCM envelope: version, key id, nonce, ciphertext and tag, bound to its row and column) and NULL in
-- text; rows written before this version keep their plaintext text until retention purges it. Both columns are purged
-- together. The plaintext columns were already nullable. The length bound is TextCipher.MAX_ENVELOPE_BYTES.
ALTER TABLE message
    ADD COLUMN text_enc bytea CHECK (text_enc IS NULL OR octet_length(text_enc) <= 262206);
ALTER TABLE inbound_message
    ADD COLUMN text_enc bytea CHECK (text_enc IS NULL OR octet_length(text_enc) <= 262206);

-- Purge of text after retention: rows with either form of the text.
DROP INDEX message_purge_idx;
CREATE INDEX message_purge_idx ON message (final_at)
    WHERE (text IS NOT NULL OR text_enc IS NOT NULL) AND final_at IS NOT NULL;
DROP INDEX inbound_message_purge_idx;
CREATE INDEX inbound_message_purge_idx ON inbound_message (received_at) WHERE text IS NOT NULL OR text_enc IS NOT NULL;
