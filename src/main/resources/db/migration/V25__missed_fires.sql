-- Scheduled cron fires that never ran (pipeline.MissedFires): skipped by Quartz for running later than the misfire
-- threshold, or lost with a scheduler that died while firing. One row per step and scheduled fire time.
CREATE TABLE missed_fires (
    step        VARCHAR(40)              NOT NULL,
    fire_time   TIMESTAMP WITH TIME ZONE NOT NULL,
    recorded_at TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT uq_missed_fires_step_fire UNIQUE (step, fire_time)
);
-- GET /jobs/queue lists the recent ones, newest first
CREATE INDEX ix_missed_fires_time ON missed_fires (fire_time);
