-- The coverage heatmap's one query (issue 16): a series' entries in symbol then date order, read from the index
-- alone (its columns hold everything the compact answer needs), without a sort.
CREATE INDEX coverage_grid ON coverage (market, data_type, period, interval_name, symbol, archive_date, state,
  score_percent, gaps);
