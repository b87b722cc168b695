-- Indexes for the hot queries of the job. Portable SQL: the same file runs on H2 and PostgreSQL.

-- History look-up of the checks across years (RunStore.latestReport): an agency's report for a year.
CREATE INDEX nb_run_file_agency_year ON nb_run_file (agency_code, report_year);
-- Reading a run back joins its files to their content by hash.
CREATE INDEX nb_run_file_sha ON nb_run_file (sha256);
