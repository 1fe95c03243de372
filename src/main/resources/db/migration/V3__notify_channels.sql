-- Notification channels added or changed through the API (docs/notify.md): the channel as configured, secrets
-- included (the store is what brings them back after a restart), as JSON text.
CREATE TABLE notify_channels (
  id VARCHAR(64) NOT NULL PRIMARY KEY,
  definition VARCHAR(100000) NOT NULL,
  updated_ms BIGINT NOT NULL
);
