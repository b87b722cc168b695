-- What each run published, so that a later run can leave in place a file whose bytes would not change (facts.csv:
-- 575 MB at 10,000 workbooks) when nobody has touched it since. Portable SQL: the same file runs on H2 and PostgreSQL.
-- content_key: a hash of everything the file's bytes follow from (the program, the output folder, the reports and
-- their stored content); size_bytes and modified_micros: the file as it was left (last modification time, µs).
CREATE TABLE nb_output (
    job_instance_id BIGINT        NOT NULL,
    file_name       VARCHAR(255)  NOT NULL,
    job_name        VARCHAR(200)  NOT NULL,
    output_folder   VARCHAR(4000) NOT NULL,
    content_key     VARCHAR(64)   NOT NULL,
    size_bytes      BIGINT        NOT NULL,
    modified_micros BIGINT        NOT NULL,
    PRIMARY KEY (job_instance_id, file_name)
);

CREATE INDEX nb_output_by_job ON nb_output (job_name, file_name, job_instance_id);
