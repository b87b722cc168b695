-- A workbook's packed values and labels as their UTF-8 bytes instead of text (see the H2 version of this migration
-- for why). Same names, same content: rows stored before are converted here.
ALTER TABLE nb_content_values ADD COLUMN packed_bytes BYTEA;
ALTER TABLE nb_content_values ADD COLUMN labels_bytes BYTEA;
UPDATE nb_content_values SET packed_bytes = convert_to(packed, 'UTF8'), labels_bytes = convert_to(labels, 'UTF8');
ALTER TABLE nb_content_values DROP COLUMN packed;
ALTER TABLE nb_content_values DROP COLUMN labels;
ALTER TABLE nb_content_values RENAME COLUMN packed_bytes TO packed;
ALTER TABLE nb_content_values RENAME COLUMN labels_bytes TO labels;
ALTER TABLE nb_content_values ALTER COLUMN packed SET NOT NULL;
