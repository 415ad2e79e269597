-- Every model call is a row, whoever it was for: the job and issue it served, and what it cost in US dollars at the
-- configured price of its model (ai.price.<model>.*-per-mtok), so GET /issues/{date}/usage can say what an issue
-- cost. Rows of calls made outside a job (none in the pipeline today) have no job and no issue.
-- Statuses now also include cancelled and timeout for calls a job's cancel or timeout cut off, and deadline and
-- too_large for calls cut off by their own limits.
ALTER TABLE llm_usage ADD COLUMN job_id VARCHAR(36);
ALTER TABLE llm_usage ADD COLUMN issue_date DATE;
ALTER TABLE llm_usage ADD COLUMN cost_usd NUMERIC(20, 10) DEFAULT 0 NOT NULL;

CREATE INDEX ix_llm_usage_issue_date ON llm_usage (issue_date);
CREATE INDEX ix_llm_usage_job_id ON llm_usage (job_id);
