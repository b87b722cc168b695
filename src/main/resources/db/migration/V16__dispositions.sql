-- Auditors' decisions on findings, and what a run needs to read them and to print its 整改通知.
-- Portable SQL: the same file runs on H2 and PostgreSQL.

-- What a run is run with, beside its job (V13): the auditor's own file of decisions, if the job names one, and the
-- deadline and issuing office of the 整改通知.
ALTER TABLE nb_run_definition ADD COLUMN dispositions_file VARCHAR;
ALTER TABLE nb_run_definition ADD COLUMN notice_deadline DATE;
ALTER TABLE nb_run_definition ADD COLUMN notice_office VARCHAR;

-- The decision (处理状态, 处理说明) on each finding of a job, by the finding's fingerprint, which is stable across runs.
-- Kept per job, not per run: purge deletes old runs but never a decision, and every run carries the job's decisions
-- into its outputs. A decision withdrawn (both cells cleared) stays as a row with neither, so that what the job's
-- dispositions file said is still remembered.
CREATE TABLE nb_disposition (
    job_name         VARCHAR(200)             NOT NULL,
    fingerprint      VARCHAR(32)              NOT NULL,
    status           VARCHAR(20),
    note             VARCHAR,
    -- the finding's figures when it was decided: a finding whose figures changed since is flagged for review.
    -- Plain decimals as text (they come back from a spreadsheet as doubles, and are compared as such).
    decided_expected VARCHAR(60),
    decided_actual   VARCHAR(60),
    decided_delta    VARCHAR(60),
    recorded_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    recorded_run     BIGINT                   NOT NULL,
    source           VARCHAR                  NOT NULL,
    -- what the job's dispositions file said about the finding when it was last read: only a change there is a new
    -- decision (the file is not rewritten by the program, so an old line there must not undo a later decision)
    file_status      VARCHAR(20),
    file_note        VARCHAR,
    -- the finding as the job's latest run saw it; listed (with its decision) as resolved once it no longer fires
    severity         VARCHAR(10),
    rule_id          VARCHAR(60),
    agency_code      VARCHAR(100),
    agency_name      VARCHAR(300),
    report_year      INTEGER,
    source_file      VARCHAR(1000),
    sheet            VARCHAR(200),
    cells            VARCHAR(2000),
    expected         VARCHAR(60),
    actual           VARCHAR(60),
    delta            VARCHAR(60),
    message          VARCHAR,
    PRIMARY KEY (job_name, fingerprint)
);
