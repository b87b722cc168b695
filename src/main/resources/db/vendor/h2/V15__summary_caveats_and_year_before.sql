-- What a summary must say beside its sums, stored by the roll-up step so that publish reads it from this run alone.
-- The same statements on H2 and PostgreSQL but for the exact decimal type (as V14).

-- The job's setting: reports with ERROR findings are left out of the sums (false: summed, and named).
ALTER TABLE nb_run_definition ADD COLUMN leave_out_errors BOOLEAN DEFAULT FALSE NOT NULL;

-- Each report of a unit and year with its ERROR findings; left_out: not in the sums (the job's setting).
ALTER TABLE nb_summary_member ADD COLUMN error_count INTEGER DEFAULT 0 NOT NULL;
ALTER TABLE nb_summary_member ADD COLUMN left_out BOOLEAN DEFAULT FALSE NOT NULL;

-- Per unit and year of a run: whether it left reports with errors out, and which completed run (of any job) its
-- comparison with the year before was taken from (null: none had the unit's sums of that year).
CREATE TABLE nb_summary_unit (
    job_instance_id       BIGINT       NOT NULL,
    unit_code             VARCHAR(100) NOT NULL,
    report_year           INTEGER      NOT NULL,
    leave_out_errors      BOOLEAN      NOT NULL,
    previous_job_name     VARCHAR(200),
    previous_execution_id BIGINT,
    previous_format       VARCHAR(20),
    PRIMARY KEY (job_instance_id, unit_code, report_year)
);

-- The unit's sums of the year before, copied from that run: what this run shows stays as it was when that run is
-- purged or its job runs again.
CREATE TABLE nb_summary_previous (
    job_instance_id BIGINT       NOT NULL,
    unit_code       VARCHAR(100) NOT NULL,
    report_year     INTEGER      NOT NULL,
    datapoint_id    VARCHAR(60)  NOT NULL,
    num_value       DECFLOAT      NOT NULL,
    PRIMARY KEY (job_instance_id, unit_code, report_year, datapoint_id)
);

-- The year before is looked up by unit and year across runs.
CREATE INDEX nb_summary_unit_year ON nb_summary (unit_code, report_year);
