-- Monitors as data: a revision per row, raised by every change. A probe applies a stored monitor only when its
-- revision is newer than the one it runs, so a late or repeated change never undoes a newer one (the row counts;
-- the clocks of a cluster's Vigies may disagree).
ALTER TABLE monitors ADD COLUMN revision BIGINT DEFAULT 0 NOT NULL;
