-- What validate checked across each agency's reports (its years, its duplicates, its roster entry), so that a later run
-- of the job copies the findings of an agency whose inputs to those checks did not change instead of reading its
-- reports again. agency_key: a hash of everything those checks read for the agency (its counted reports' keys, the
-- earlier years' reports they fetch from earlier runs, its roster entry and the files that may be its, the years, the
-- basis). An agency checked without findings has only its row in nb_checked_agency. Portable SQL: the same file runs on
-- H2 and PostgreSQL.
ALTER TABLE nb_finding ADD COLUMN agency_key VARCHAR(64);

CREATE TABLE nb_checked_agency (
    job_instance_id BIGINT      NOT NULL,
    agency_key      VARCHAR(64) NOT NULL,
    PRIMARY KEY (job_instance_id, agency_key)
);
