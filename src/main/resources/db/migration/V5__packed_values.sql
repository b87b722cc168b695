-- The values of a workbook's datapoints in one row (id, value, blank; no source cell or label), for the
-- passes that only add up or compare values (roll-up, per-agency sheet, ROLLUP-MISMATCH feeders): one row
-- per workbook instead of one per datapoint. nb_datapoint stays the full record.
-- Portable SQL: the same file runs on H2 and PostgreSQL.
CREATE TABLE nb_content_values (
    sha256   VARCHAR(64)     NOT NULL PRIMARY KEY,
    packed   VARCHAR(200000) NOT NULL
);
