package dev.vigie.bus;

/**
 * Store addresses: the history Vigie keeps in its database (see docs/store.md). The store listens to what the other
 * areas publish (probe results and freshness readings, alerts, downloads, quality reports, stress runs); these are
 * its questions. Times are ISO-8601 instants in replies; in requests, ISO-8601 or epoch milliseconds.
 */
public final class StoreBus {
  private StoreBus() {
  }

  /**
   * Request-reply: {@code {monitor, from?, to?, step?}} (step: ms or e.g. {@code 5m}; default the last 24 h in at most
   * 288 points); replies {@code {monitor, from, to, stepMs, points: [{t, count, failures, uptimePercent, p50, p95, p99,
   * maxMs, reasons?}]}}. Fails 400 {@code BAD_PARAMETER} naming the field, 503 {@code STORE_DOWN}.
   */
  public static final String HISTORY = "vigie.store.history";
  /**
   * Request-reply: {@code {monitor?, limit?, offset?, q?}} (one page of the monitors with history in id order, those
   * whose id holds {@code q}; limit 1–1000, default 100); replies {@code {at, monitors: [{monitor, kind, windows:
   * {"24h" | "7d" | "30d": {count, failures, uptimePercent, p50, p95, p99, maxMs}}}], offset, total, matched}}. A bad
   * field fails 400 naming it; fails 503 {@code STORE_DOWN}.
   */
  public static final String UPTIME = "vigie.store.uptime";
  /**
   * Request-reply: {@code {from?, to?, limit?}} (default the last 30 days, 200 events); replies {@code {alerts: [{id,
   * state: open|cleared, severity, section?, metric?, message, action?, raisedAt, acknowledgedAt?, clearedAt?,
   * durationMs}]}}, newest first.
   */
  public static final String ALERTS = "vigie.store.alerts";
  /**
   * Request-reply: {@code {category: downloads|quality|stress, limit?}}; replies {@code {category, records: [{at, name,
   * outcome, body}]}}, newest first ({@code body} as the area published it).
   */
  public static final String RECORDS = "vigie.store.records";
  /** Request-reply: empty; replies the store's state (the "store" section's details, see docs/store.md). */
  public static final String STATE = "vigie.store.state";
  /**
   * Request-reply: empty; writes what is buffered, rolls up and applies retention now (they also run on timers), and
   * replies {@code {written, marks: {minutesRolledTo, hoursRolledTo, daysRolledTo}, sizeBytes, trimmed?}}. Fails 503 {@code STORE_DOWN}.
   */
  public static final String MAINTAIN = "vigie.store.maintain";
  /**
   * Request-reply (notify, local): empty; replies {@code {channels: [{id, definition, updatedAt}]}}, every notification
   * channel added or changed through the API (definition: the channel as configured, secrets included, for the notify
   * area alone). Fails 503 {@code STORE_DOWN}.
   */
  public static final String CHANNELS = "vigie.store.channels";
  /**
   * Request-reply (notify, local): {@code {op: put|remove, id, definition?}} (a channel already validated by the
   * notify area); persists it and replies {@code {op, id}}. Fails 400 {@code BAD_PARAMETER} naming the field, 503
   * {@code STORE_DOWN}.
   */
  public static final String SAVE_CHANNEL = "vigie.store.channel.save";
  /**
   * Request-reply, from the coverage area only: {@code {rows: [{key, market, dataType, symbol, interval?, period, date,
   * state?, reason?, scorePercent?, gaps?, missing?, coveragePercent?, sha256?, republishedAt?, onlyIfNew?, keep?:
   * [state]}]}}: each row's ledger entry is created, or updated with the fields given (unless {@code onlyIfNew}, or its
   * state is one of {@code keep}); replies {@code {written}}. Fails 503 {@code STORE_DOWN}.
   */
  public static final String COVERAGE_SAVE = "vigie.store.coverage.save";
  /**
   * Request-reply, from the coverage area only (it validates): {@code {market?, dataType?, symbol?, interval?, period?,
   * state?, from?, to?, cursor?, limit}}; replies {@code {items: [entry], next: cursor|null, counts: {state: n}}} in key
   * order (entry: see docs/coverage.md). With {@code form: "cells", maxCells} instead of cursor and limit, the heatmap's
   * compact answer {@code {dates, symbols, cells, counts, truncated}} (docs/coverage.md). Fails 503 {@code STORE_DOWN}.
   */
  public static final String COVERAGE_QUERY = "vigie.store.coverage.query";
}
