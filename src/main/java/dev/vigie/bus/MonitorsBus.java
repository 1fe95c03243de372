package dev.vigie.bus;

/**
 * Monitors managed as data (see docs/probe.md, "Monitors as data"). A monitor is an endpoint or a freshness source:
 * {@code {id, type: endpoint|freshness, source: config|store, paused, updatedAt?, ...the fields of its configuration
 * entry}}; its id is its name. The probe area answers the API's questions and applies monitors; the store area
 * persists those added through the API and publishes each change. Monitors from the configuration file are not
 * stored and cannot be changed through the API ({@code 409 CONFIG_MONITOR}).
 */
public final class MonitorsBus {
  private MonitorsBus() {
  }

  /**
   * Request-reply (probe): {@code {limit?: 1-1000, offset?: 0-1000000, type?: endpoint|freshness, source?:
   * config|store, q?: text in the id or URL, sort?: added|store-first, version?}}; replies one page {@code {monitors:
   * [monitor], offset, total, matched, counts: {config, store}, max, version}}, configuration monitors first unless
   * store-first ({@code total}: every monitor; {@code counts}: those matching). With {@code version} equal to the
   * list's now, replies only {@code {version, unchanged: true}}. Without {@code limit}, every monitor matching. Fails
   * 400 {@code BAD_PARAMETER} naming the field.
   */
  public static final String LIST = "vigie.monitors.list";
  /** Request-reply (probe): {@code {id}}; replies the monitor. Fails 404 {@code UNKNOWN_MONITOR}. */
  public static final String GET = "vigie.monitors.get";
  /**
   * Request-reply (probe): {@code {op: add|replace|pause|resume|remove, id?, monitor?}} ({@code monitor}: the
   * API's body). Validates, then has the store persist it; replies the monitor ({@code {removed: id}} for remove).
   * Fails 400 {@code BAD_PARAMETER} naming the field, 404 {@code UNKNOWN_MONITOR}, 409 {@code DUPLICATE_NAME},
   * {@code CONFIG_MONITOR} or {@code TOO_MANY_MONITORS}, 503 {@code STORE_DOWN}.
   */
  public static final String CHANGE = "vigie.monitors.change";
  /**
   * Request-reply (store): empty; replies {@code {monitors: [{id, type, paused, updatedAt, definition}]}}, every
   * stored monitor. Fails 503 {@code STORE_DOWN}.
   */
  public static final String STORED = "vigie.monitors.stored";
  /**
   * Request-reply (store): {@code {op: add|replace|pause|resume|remove, id, type?, definition?, paused?}} (already
   * validated by the probe); persists it, publishes {@link #CHANGED} and replies {@code {monitor?}} (the stored row).
   * In a cluster any member's store may answer: it decides against the cluster's copy ({@link #DEFINITIONS}) under a
   * cluster-wide lock, so the answer is the same wherever it is asked. The probe asks its own node's store when there
   * is one (a store on a member that is leaving may still be listed elsewhere, and would take the question with it). Fails 404 {@code UNKNOWN_MONITOR}, 409
   * {@code DUPLICATE_NAME}, 503 {@code STORE_DOWN}.
   */
  public static final String SAVE = "vigie.monitors.save";
  /**
   * Publish (store): {@code {op: add|replace|pause|resume|remove, id, monitor?}} after a change is stored; every
   * Vigie's probe applies it at once, and in a cluster every member's store makes its row the cluster's copy.
   */
  public static final String CHANGED = "vigie.monitors.changed";
  /**
   * Cluster-wide map (Vert.x shared data, only with {@code --cluster}): monitor id to its stored row {@code {id, type,
   * paused, updatedAt, revision, definition}}, written by the store that took an API change (under a cluster-wide
   * lock) and by a store that joins with rows the cluster lacks; read by a probe when it starts. Every member's store
   * keeps the same rows.
   */
  public static final String DEFINITIONS = "vigie.monitors.definitions";
}
