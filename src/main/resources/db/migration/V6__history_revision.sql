-- Grows whenever history already rolled up changes (late results rolled up again, rollups deleted by retention), so
-- that what a Vigie keeps in memory of it (the uptime windows' settled part) is read again. Shared by a cluster.
INSERT INTO store_marks (name, at_ms) VALUES ('history_revision', 0);
