-- Where each report's rows lie in a published facts.csv (its byte offset and length), so that the next run can copy the
-- rows of the reports that did not change from the file as it was left instead of reading their content and writing
-- them again. piece_key: a hash of everything a report's rows follow from (the program, the agency, year, format, file,
-- content hash and which report of the file). Portable SQL: the same file runs on H2 and PostgreSQL.
CREATE TABLE nb_output_piece (
    job_instance_id BIGINT       NOT NULL,
    file_name       VARCHAR(255) NOT NULL,
    piece_key       VARCHAR(64)  NOT NULL,
    byte_offset     BIGINT       NOT NULL,
    byte_length     BIGINT       NOT NULL,
    PRIMARY KEY (job_instance_id, file_name, piece_key)
);
