-- A process beats once per round for all the jobs waiting in its in-memory queue, instead of once per job: under a
-- burst the queue holds thousands of jobs, and rewriting each of their rows every heartbeat cost more than running
-- them. A queued job names the process that holds it (held_by); it has lost its holder when that process's row has
-- not been beaten for jobs.lost-after-seconds. Running jobs still beat on their own rows (a worker runs only a few).
CREATE TABLE job_holders (
    id           VARCHAR(36) PRIMARY KEY,
    name         VARCHAR(200) NOT NULL,
    heartbeat_at TIMESTAMP WITH TIME ZONE NOT NULL
);

ALTER TABLE jobs ADD COLUMN held_by VARCHAR(36);
