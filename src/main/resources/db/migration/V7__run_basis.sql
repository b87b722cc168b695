-- What a run's validate step computed its findings from, beyond the run's own files (nb_run_file): the job
-- definition, rule file, reader and program (basis, a hash) and the files of every other run its history
-- look-ups could see (history_stamp). A later run of the job whose files, basis and stamp are the same takes
-- over that run's findings and roll-up rows instead of recomputing them.
-- Portable SQL: the same file runs on H2 and PostgreSQL.
CREATE TABLE nb_run_basis (
    job_instance_id BIGINT       NOT NULL PRIMARY KEY,
    basis           VARCHAR(64)  NOT NULL,
    history_stamp   VARCHAR(200) NOT NULL
);
