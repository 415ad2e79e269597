-- What a delivery channel reported (Mautic's email id and counts), and which attempt holds the send, so that an
-- attempt that died midway can be resumed by its own retry while a second trigger keeps its hands off.
ALTER TABLE deliveries ADD COLUMN external_id VARCHAR(200);
ALTER TABLE deliveries ADD COLUMN sent_count INT;
ALTER TABLE deliveries ADD COLUMN failed_count INT;
ALTER TABLE deliveries ADD COLUMN claimed_by VARCHAR(64);
ALTER TABLE deliveries ADD COLUMN claimed_at TIMESTAMP WITH TIME ZONE;
