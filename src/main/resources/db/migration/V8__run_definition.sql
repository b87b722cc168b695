-- Scale-out: what each run was run with, so a roll-up job (city, province) can consolidate the latest completed
-- runs of other jobs from this database alone, without their job files (on other machines) or workbooks.
-- Portable SQL: the same file runs on H2 and PostgreSQL.

-- The job a run belongs to and its report years (comma-separated; empty = every year found).
CREATE TABLE nb_run_definition (
    job_instance_id BIGINT       NOT NULL PRIMARY KEY,
    job_name        VARCHAR(200) NOT NULL,
    years           VARCHAR(200) NOT NULL
);

-- The units (is_unit) and the roster of expected agencies the run was run with, in job-file order.
CREATE TABLE nb_run_unit (
    job_instance_id BIGINT        NOT NULL,
    seq             INTEGER       NOT NULL,
    is_unit         BOOLEAN       NOT NULL,
    unit_code       VARCHAR(100)  NOT NULL,
    unit_name       VARCHAR(300)  NOT NULL,
    aliases         VARCHAR(4000),
    kind            VARCHAR(60),
    parent_code     VARCHAR(100),
    PRIMARY KEY (job_instance_id, seq)
);

-- For a roll-up run: the runs of other jobs it was built from (their file rows were copied into it).
-- source_running: that job was running (a newer run not yet complete) when the roll-up took its last completed run.
CREATE TABLE nb_run_source (
    job_instance_id     BIGINT       NOT NULL,
    seq                 INTEGER      NOT NULL,
    source_job_name     VARCHAR(200) NOT NULL,
    source_instance_id  BIGINT       NOT NULL,
    source_execution_id BIGINT       NOT NULL,
    source_ended        TIMESTAMP,
    source_running      BOOLEAN      NOT NULL,
    PRIMARY KEY (job_instance_id, seq)
);
