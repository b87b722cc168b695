-- What the file system said about each file when a run read it (device, inode, size, modification and change times):
-- a later night takes over the rows of a file whose stamp is unchanged instead of reading it again. Null where no
-- stamp could be trusted.
ALTER TABLE nb_run_file ADD COLUMN stamp VARCHAR(200);
