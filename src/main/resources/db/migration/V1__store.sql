-- Vigie's history. Portable between H2 and PostgreSQL: times are epoch milliseconds (BIGINT), JSON is text.

-- Monitors managed as data (endpoints and freshness sources): the seam for the monitors API.
CREATE TABLE monitors (
  id VARCHAR(200) NOT NULL PRIMARY KEY,
  kind VARCHAR(16) NOT NULL,
  origin VARCHAR(16) NOT NULL,
  definition VARCHAR(100000) NOT NULL,
  paused BOOLEAN NOT NULL,
  updated_ms BIGINT NOT NULL
);

-- Every probe result (kind endpoint: value_ms is the latency) and freshness reading (kind freshness: the age).
CREATE TABLE results (
  monitor VARCHAR(200) NOT NULL,
  kind VARCHAR(16) NOT NULL,
  at_ms BIGINT NOT NULL,
  ok BOOLEAN NOT NULL,
  value_ms DOUBLE PRECISION NOT NULL,
  status_code INTEGER,
  reason VARCHAR(32)
);
CREATE INDEX results_monitor_at ON results (monitor, at_ms);
CREATE INDEX results_at ON results (at_ms);

-- Per-minute (step_ms 60000) and per-hour (3600000) rollups of results. histogram is a compressed HdrHistogram of
-- value_ms in microseconds (base64), so percentiles merged across buckets stay within its 1 % precision.
CREATE TABLE rollups (
  step_ms BIGINT NOT NULL,
  monitor VARCHAR(200) NOT NULL,
  bucket_ms BIGINT NOT NULL,
  kind VARCHAR(16) NOT NULL,
  total BIGINT NOT NULL,
  failures BIGINT NOT NULL,
  reasons VARCHAR(4000) NOT NULL,
  value_max DOUBLE PRECISION NOT NULL,
  histogram VARCHAR(200000) NOT NULL,
  PRIMARY KEY (step_ms, monitor, bucket_ms)
);
CREATE INDEX rollups_step_bucket ON rollups (step_ms, bucket_ms);

-- Alerts raised, acknowledged and cleared, as the monitor published them.
CREATE TABLE alert_events (
  alert_id VARCHAR(400) NOT NULL,
  state VARCHAR(16) NOT NULL,
  at_ms BIGINT NOT NULL,
  raised_ms BIGINT NOT NULL,
  severity VARCHAR(16),
  body VARCHAR(100000) NOT NULL
);
CREATE INDEX alert_events_at ON alert_events (at_ms);

-- Downloads finished or failed, quality reports and stress run summaries.
CREATE TABLE records (
  category VARCHAR(16) NOT NULL,
  at_ms BIGINT NOT NULL,
  name VARCHAR(1000),
  outcome VARCHAR(64),
  body VARCHAR(1000000) NOT NULL
);
CREATE INDEX records_category_at ON records (category, at_ms);

-- How far the rollups have gone: everything before minutes_rolled_to is in minute rollups, before
-- hours_rolled_to in hour rollups.
CREATE TABLE store_marks (
  name VARCHAR(64) NOT NULL PRIMARY KEY,
  at_ms BIGINT NOT NULL
);
INSERT INTO store_marks (name, at_ms) VALUES ('minutes_rolled_to', 0);
INSERT INTO store_marks (name, at_ms) VALUES ('hours_rolled_to', 0);
