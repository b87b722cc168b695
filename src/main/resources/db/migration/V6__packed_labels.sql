-- The labels of a workbook's datapoints beside their packed values: one escaped label per line, in the order
-- of the packed row's lines (id order). With it the packed row is a workbook's full record and new content
-- is no longer stored one nb_datapoint row per datapoint. NULL for rows stored before this column existed:
-- their labels (and content stored before V5 altogether) are still read from nb_datapoint.
-- Portable SQL: the same file runs on H2 and PostgreSQL.
ALTER TABLE nb_content_values ADD COLUMN labels VARCHAR(1000000);
