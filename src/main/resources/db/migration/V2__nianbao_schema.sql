-- nianbao's own tables. Portable SQL: the same file runs on H2 and PostgreSQL.

-- The parsed content of a workbook, keyed by its SHA-256: the same bytes are never parsed twice.
CREATE TABLE nb_content (
    sha256        VARCHAR(64)  NOT NULL PRIMARY KEY,
    format        VARCHAR(20),
    title         VARCHAR(1000),
    parsed_at     TIMESTAMP    NOT NULL
);

-- Every datapoint of a parsed workbook with the cell it came from.
CREATE TABLE nb_datapoint (
    sha256        VARCHAR(64)   NOT NULL,
    datapoint_id  VARCHAR(60)   NOT NULL,
    num_value     DECIMAL(24,4),
    blank         BOOLEAN       NOT NULL,
    sheet         VARCHAR(200),
    cell_ref      VARCHAR(20),
    label         VARCHAR(1000),
    unit_note     VARCHAR(40),
    PRIMARY KEY (sha256, datapoint_id)
);

-- One row per input file of a run (a job instance: restarts of the same run share it).
CREATE TABLE nb_run_file (
    job_instance_id BIGINT        NOT NULL,
    path            VARCHAR(1000) NOT NULL,
    sha256          VARCHAR(64)   NOT NULL,
    size_bytes      BIGINT        NOT NULL,
    modified        TIMESTAMP     NOT NULL,
    accepted        BOOLEAN       NOT NULL,
    agency_code     VARCHAR(100),
    agency_name     VARCHAR(300),
    agency_kind     VARCHAR(60),
    agency_parent   VARCHAR(100),
    report_year     INTEGER,
    format          VARCHAR(20),
    scope           VARCHAR(20),
    title           VARCHAR(1000),
    PRIMARY KEY (job_instance_id, path)
);

-- Findings of a run. Parse findings are written by the ingest step, the rest by the validate step.
CREATE TABLE nb_finding (
    job_instance_id BIGINT        NOT NULL,
    stage           VARCHAR(20)   NOT NULL,
    fingerprint     VARCHAR(32)   NOT NULL,
    severity        VARCHAR(10)   NOT NULL,
    rule_id         VARCHAR(60)   NOT NULL,
    agency_code     VARCHAR(100),
    agency_name     VARCHAR(300),
    report_year     INTEGER,
    source_file     VARCHAR(1000),
    sheet           VARCHAR(200),
    cells           VARCHAR(2000),
    expected        DECIMAL(24,4),
    actual          DECIMAL(24,4),
    delta           DECIMAL(24,4),
    message         VARCHAR(4000)
);
CREATE INDEX nb_finding_run ON nb_finding (job_instance_id);

-- The roll-up of each unit and year of a run.
CREATE TABLE nb_summary (
    job_instance_id   BIGINT        NOT NULL,
    unit_code         VARCHAR(100)  NOT NULL,
    unit_name         VARCHAR(300)  NOT NULL,
    report_year       INTEGER       NOT NULL,
    format            VARCHAR(20)   NOT NULL,
    datapoint_id      VARCHAR(60)   NOT NULL,
    num_value         DECIMAL(24,4) NOT NULL,
    reports_included  INTEGER       NOT NULL,
    reports_expected  INTEGER       NOT NULL,
    PRIMARY KEY (job_instance_id, unit_code, report_year, datapoint_id)
);
