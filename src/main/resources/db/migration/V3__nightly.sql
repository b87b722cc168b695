-- Nightly operation: one run at a time per job, re-use of parsed content, submission history.
-- Portable SQL: the same file runs on H2 and PostgreSQL.

-- One row per job that is running. The owner refreshes heartbeat while it runs; a row whose
-- heartbeat is stale belongs to a process that died (kill -9, power loss) and may be taken over.
CREATE TABLE nb_job_lock (
    job_name     VARCHAR(200) NOT NULL PRIMARY KEY,
    owner        VARCHAR(300) NOT NULL,
    acquired_at  TIMESTAMP    NOT NULL,
    heartbeat    TIMESTAMP    NOT NULL
);

-- The parse cache. A content row is reused only when reader_version matches the reader that
-- wrote it (a reader change or different read limits make it stale and the file is read again).
-- outcome: LOCATED (tables found), NO_TABLE (opened, no report tables), UNREADABLE (refused).
ALTER TABLE nb_content ADD COLUMN reader_version VARCHAR(100);
ALTER TABLE nb_content ADD COLUMN outcome VARCHAR(20);
ALTER TABLE nb_content ADD COLUMN tables_complete BOOLEAN;
ALTER TABLE nb_content ADD COLUMN failure_rule VARCHAR(60);
ALTER TABLE nb_content ADD COLUMN failure_message VARCHAR(4000);

-- The report titles found in a workbook's first rows: what agency and year resolution needs.
CREATE TABLE nb_content_title (
    sha256        VARCHAR(64)   NOT NULL,
    seq           INTEGER       NOT NULL,
    title_text    VARCHAR(1000) NOT NULL,
    agency_name   VARCHAR(1000),
    report_year   INTEGER,
    PRIMARY KEY (sha256, seq)
);

-- Problems the reader found in the content alone (no agency or year attached: a run attaches them).
-- kind: LOCATE (table layout) or BAD_NUMBER (a cell that is not a number).
CREATE TABLE nb_content_problem (
    sha256        VARCHAR(64)   NOT NULL,
    seq           INTEGER       NOT NULL,
    kind          VARCHAR(20)   NOT NULL,
    rule_id       VARCHAR(60)   NOT NULL,
    sheet         VARCHAR(200),
    cell_ref      VARCHAR(20),
    message       VARCHAR(4000),
    PRIMARY KEY (sha256, seq)
);

-- Whether a run's file was parsed or its stored content reused.
ALTER TABLE nb_run_file ADD COLUMN reused BOOLEAN DEFAULT FALSE NOT NULL;

-- Every version of an agency's report a job has seen: a changed file supersedes the earlier one.
CREATE TABLE nb_submission_version (
    job_name        VARCHAR(200)  NOT NULL,
    agency_code     VARCHAR(100)  NOT NULL,
    report_year     INTEGER       NOT NULL,
    sha256          VARCHAR(64)   NOT NULL,
    path            VARCHAR(1000) NOT NULL,
    first_seen      TIMESTAMP     NOT NULL,
    last_seen       TIMESTAMP     NOT NULL,
    first_seen_run  BIGINT        NOT NULL,
    last_seen_run   BIGINT        NOT NULL,
    superseded_by   VARCHAR(64),
    superseded_at   TIMESTAMP,
    PRIMARY KEY (job_name, agency_code, report_year, sha256)
);
