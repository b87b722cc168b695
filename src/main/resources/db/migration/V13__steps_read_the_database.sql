-- Each step reads what it needs from the database, not from the job file or from another step's memory.
-- Portable SQL: the same file runs on H2 and PostgreSQL.

-- The job a run was started with, stored when it starts: a job file edited while the run goes on (or before a
-- restart) does not change the run halfway. The rule override file is kept as its text.
ALTER TABLE nb_run_definition ADD COLUMN input_folder VARCHAR;
ALTER TABLE nb_run_definition ADD COLUMN output_folder VARCHAR;
ALTER TABLE nb_run_definition ADD COLUMN job_file VARCHAR;
ALTER TABLE nb_run_definition ADD COLUMN rules_file VARCHAR;
ALTER TABLE nb_run_definition ADD COLUMN rules_text VARCHAR;
ALTER TABLE nb_run_definition ADD COLUMN from_jobs VARCHAR;

-- Which accepted reports count (validate: one per agency and year, duplicates resolved, within the job's years).
ALTER TABLE nb_run_file ADD COLUMN counted BOOLEAN DEFAULT FALSE NOT NULL;

-- The files of the input a run did not read (symbolic links, lock files …), as the ingest step found them.
CREATE TABLE nb_run_skipped (
    job_instance_id BIGINT  NOT NULL,
    seq             INTEGER NOT NULL,
    path            VARCHAR NOT NULL,
    reason          VARCHAR NOT NULL,
    PRIMARY KEY (job_instance_id, seq)
);

-- The agencies whose reports a unit's roll-up for a year includes (roll-up step), beside its sums (nb_summary).
CREATE TABLE nb_summary_member (
    job_instance_id BIGINT       NOT NULL,
    unit_code       VARCHAR(100) NOT NULL,
    report_year     INTEGER      NOT NULL,
    agency_code     VARCHAR(300) NOT NULL
);
CREATE INDEX nb_summary_member_run ON nb_summary_member (job_instance_id);
