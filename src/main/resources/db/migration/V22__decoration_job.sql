-- Which job wrote each decoration: a redelivered or retried decoration job keeps the slots it already decorated
-- and does only the rest, while a new decoration job starts the issue's decorations over.
ALTER TABLE decorations ADD COLUMN job_id VARCHAR(36);
