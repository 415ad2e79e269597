-- Every change of a job's status rewrites each index on jobs, so only indexes a query uses stay:
-- ix_jobs_retry (status, next_attempt_at) serves every lookup by status, and nothing looks jobs up by chain_id.
DROP INDEX IF EXISTS ix_jobs_status;
DROP INDEX IF EXISTS ix_jobs_chain;
