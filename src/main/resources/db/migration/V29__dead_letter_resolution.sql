-- Which dead letters are still open: one is fixed once a later job of its step completes for its issue (a failed
-- slot's once its slot is decorated again), and the row names that job.
ALTER TABLE dead_letters ADD COLUMN resolved_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE dead_letters ADD COLUMN resolved_by_job VARCHAR(36);
CREATE INDEX ix_dead_letters_step_issue ON dead_letters (step, issue_date);
