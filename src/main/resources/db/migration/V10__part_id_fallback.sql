-- V10: receipts may be matched through message_part when smpp_part_id lacks the id (a crash between the bridge's report
-- of a submitted part and its part-id write): look parts up by connector and SMSC id.
CREATE INDEX message_part_smsc_id_idx ON message_part (connector, smsc_message_id) WHERE smsc_message_id IS NOT NULL;
