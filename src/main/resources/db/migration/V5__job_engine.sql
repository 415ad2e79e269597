-- Job retries wait until next_attempt_at; issues may wait for an editor's approval.
ALTER TABLE jobs ADD COLUMN next_attempt_at TIMESTAMP WITH TIME ZONE;
CREATE INDEX ix_jobs_retry ON jobs (status, next_attempt_at);
ALTER TABLE issues ADD COLUMN approved_by VARCHAR(100);
ALTER TABLE issues ADD COLUMN approved_at TIMESTAMP WITH TIME ZONE;
-- A replayed dead letter points at the job that replayed it.
ALTER TABLE dead_letters ADD COLUMN replayed_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE dead_letters ADD COLUMN replay_job_id VARCHAR(36);
ALTER TABLE dead_letters ADD COLUMN issue_date DATE;
