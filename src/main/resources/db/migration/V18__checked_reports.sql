-- What validate checked in each report, so that a later run of the job copies the findings of a report that did not
-- change instead of checking it again. report_key: a hash of the report (file, content hash, part, agency, year,
-- format, scope) and of what its checks follow from (the program, the job's definition, the rule file). A report checked
-- without findings has only its row in nb_checked_report. Portable SQL: the same file runs on H2 and PostgreSQL.
ALTER TABLE nb_finding ADD COLUMN report_key VARCHAR(64);

CREATE TABLE nb_checked_report (
    job_instance_id BIGINT      NOT NULL,
    report_key      VARCHAR(64) NOT NULL,
    PRIMARY KEY (job_instance_id, report_key)
);
