-- A workbook's packed values and labels as their UTF-8 bytes, in a table of their own (see the H2 version of this
-- migration for why). Content stored before stays in nb_content_values as text and is still read from there.
CREATE TABLE nb_content_bytes (
    sha256   VARCHAR(64) NOT NULL PRIMARY KEY,
    packed   BYTEA       NOT NULL,
    labels   BYTEA       NOT NULL
);
