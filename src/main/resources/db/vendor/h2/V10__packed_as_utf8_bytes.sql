-- A workbook's packed values and labels as their UTF-8 bytes, in a table of their own. H2 writes and reads a text
-- column one character at a time (in a 10,000-workbook run, 7 % of the program's own CPU and 2.6 GB of its 18 GB
-- allocated went to that), a binary column in one copy; the program encodes and decodes the UTF-8 itself.
-- A new table, not new columns: converting or even adding a column rewrites every stored row, and doing that in one
-- migration ran out of a 256 MB heap on a 10,000-workbook database. Content stored before stays in
-- nb_content_values as text and is still read from there. Vendor SQL (the binary type); PostgreSQL has its own.
CREATE TABLE nb_content_bytes (
    sha256   VARCHAR(64)       NOT NULL PRIMARY KEY,
    packed   VARBINARY(1000000) NOT NULL,
    labels   VARBINARY(4000000) NOT NULL
);
