-- The cron fire that queued a job. One job per step and fire: the clustered scheduler fires each cron once, and
-- this index makes a second queueing of the same fire impossible even if two schedulers ever did fire it.
ALTER TABLE jobs ADD COLUMN fire_time TIMESTAMP WITH TIME ZONE;
CREATE UNIQUE INDEX uq_jobs_step_fire ON jobs (step, fire_time);
