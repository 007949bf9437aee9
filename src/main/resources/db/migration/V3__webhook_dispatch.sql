-- V3: webhook dispatch.
-- An operator's requeue of a parked delivery restarts its retry window: the window ends max-age after
-- coalesce(requeued_at, created_at).
ALTER TABLE webhook_delivery ADD COLUMN requeued_at timestamptz;
-- Claims take each partner's due deliveries through this index (at most that partner's free in-flight slots), so one
-- partner's backlog costs the others nothing.
CREATE INDEX webhook_delivery_partner_due_idx ON webhook_delivery (partner_id, next_attempt_at) WHERE status = 'PENDING';
