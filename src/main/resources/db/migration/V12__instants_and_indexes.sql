-- Every stored time is an instant (TIMESTAMP WITH TIME ZONE), and times that decide something are taken from the
-- database's clock: two machines in different time zones, or with clocks minutes apart, share one database.
-- Existing values were written in the writing process's local time; they are read as the session's time zone.
-- Portable SQL: the same file runs on H2 and PostgreSQL.
ALTER TABLE nb_job_lock ALTER COLUMN acquired_at SET DATA TYPE TIMESTAMP WITH TIME ZONE;
ALTER TABLE nb_job_lock ALTER COLUMN heartbeat SET DATA TYPE TIMESTAMP WITH TIME ZONE;
ALTER TABLE nb_run_file ALTER COLUMN modified SET DATA TYPE TIMESTAMP WITH TIME ZONE;
ALTER TABLE nb_submission_version ALTER COLUMN first_seen SET DATA TYPE TIMESTAMP WITH TIME ZONE;
ALTER TABLE nb_submission_version ALTER COLUMN last_seen SET DATA TYPE TIMESTAMP WITH TIME ZONE;
ALTER TABLE nb_submission_version ALTER COLUMN superseded_at SET DATA TYPE TIMESTAMP WITH TIME ZONE;
ALTER TABLE nb_run_source ALTER COLUMN source_ended SET DATA TYPE TIMESTAMP WITH TIME ZONE;

-- When a run (last) started and ended, by the database's clock: retention and "the latest run" are judged by these
-- (and by the order of execution ids), never by the clock or time zone of the process that ran it.
ALTER TABLE nb_run_definition ADD COLUMN started_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE nb_run_definition ADD COLUMN ended_at TIMESTAMP WITH TIME ZONE;
UPDATE nb_run_definition SET
    started_at = (SELECT MAX(e.START_TIME) FROM BATCH_JOB_EXECUTION e WHERE e.JOB_INSTANCE_ID = nb_run_definition.job_instance_id),
    ended_at = (SELECT MAX(e.END_TIME) FROM BATCH_JOB_EXECUTION e WHERE e.JOB_INSTANCE_ID = nb_run_definition.job_instance_id);

-- The queries a ten-year, 100,000-workbook history runs: a job's runs by name (the previous and the latest
-- completed run, purge), a run's findings and roll-up rows (each run's own), content no run references (purge).
CREATE INDEX nb_run_definition_job ON nb_run_definition (job_name, job_instance_id);
CREATE INDEX nb_batch_execution_instance ON BATCH_JOB_EXECUTION (JOB_INSTANCE_ID, STATUS);
CREATE INDEX nb_summary_run ON nb_summary (job_instance_id);
CREATE INDEX nb_submission_version_sha ON nb_submission_version (sha256);
