-- A job redelivered because its worker vanished (SIGKILL, lost host) has not failed: it gets its own, larger budget
-- of redeliveries instead of using up one of its failure attempts.
ALTER TABLE jobs ADD COLUMN redeliveries INT DEFAULT 0 NOT NULL;
ALTER TABLE jobs ADD COLUMN max_redeliveries INT DEFAULT 10 NOT NULL;
-- When the job last became queued: a queued job that the transport has not handed to a worker by then + a grace is
-- put on the transport again (a hand-off lost in a Redis outage).
ALTER TABLE jobs ADD COLUMN queued_at TIMESTAMP WITH TIME ZONE;
-- A running job's worker writes this every few seconds: a job whose heartbeat stopped has lost its worker, one whose
-- heartbeat goes on is never taken from it, however its Redis lease fared.
ALTER TABLE jobs ADD COLUMN heartbeat_at TIMESTAMP WITH TIME ZONE;
-- A cancel asked of a running job, kept in the database so that it holds through redelivery, retry and restart.
ALTER TABLE jobs ADD COLUMN cancel_requested_at TIMESTAMP WITH TIME ZONE;
UPDATE jobs SET queued_at = created_at WHERE status = 'queued';
-- The moment a channel that cannot be asked afterwards (SMTP) was handed the message: a resumed send that finds it
-- set and no 'sent' does not know whether the message went out, and waits for an operator instead of re-sending.
ALTER TABLE deliveries ADD COLUMN handed_over_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE deliveries ADD COLUMN decided_by VARCHAR(100);
