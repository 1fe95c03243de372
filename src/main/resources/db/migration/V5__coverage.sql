-- The coverage ledger (issue 16): one row per Binance Vision archive Vigie knows of, whatever its state. Columns
-- repeat what the key says (market, type, symbol, interval, period, date) so the ledger can be filtered by them.
-- interval_name is '' for types without one; archive_date is YYYY-MM-DD (daily) or YYYY-MM (monthly).
CREATE TABLE coverage (
  archive_key VARCHAR(512) NOT NULL PRIMARY KEY,
  market VARCHAR(16) NOT NULL,
  data_type VARCHAR(32) NOT NULL,
  symbol VARCHAR(64) NOT NULL,
  interval_name VARCHAR(8) NOT NULL,
  period VARCHAR(8) NOT NULL,
  archive_date VARCHAR(10) NOT NULL,
  state VARCHAR(16) NOT NULL,
  reason VARCHAR(1000),
  score_percent DOUBLE PRECISION,
  gaps BIGINT,
  missing BIGINT,
  coverage_percent DOUBLE PRECISION,
  sha256 VARCHAR(64),
  republished_at BIGINT,
  updated_ms BIGINT NOT NULL
);
CREATE INDEX coverage_series ON coverage (market, data_type, period, symbol, interval_name, archive_date);
CREATE INDEX coverage_state ON coverage (state);
