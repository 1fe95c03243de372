-- Per-day rollups (step_ms 86400000) of the hour ones, in the same table: a 30-day question reads 30 rows a monitor
-- instead of 720. Everything before days_rolled_to is in day rollups.
INSERT INTO store_marks (name, at_ms) VALUES ('days_rolled_to', 0);
