package dev.vigie.bus;

import java.util.List;
import java.util.Set;

/** Monitor addresses: how sections, the activity log and alerts travel. */
public final class MonitorBus {
  private MonitorBus() {
  }

  /**
   * Publish: a {@link SectionUpdate} from any verticle, in this JVM or over a clustered bus. Vigie's own verticles
   * publish the {@link #BUILT_IN_SECTIONS}; any other name is an external section, held to {@code monitor.sections}.
   * In a cluster every member's monitor receives every member's sections, each tagged with header {@link #NODE}.
   */
  public static final String SECTION = "vigie.monitor.section";
  /**
   * Header of the {@link #SECTION}, {@link #VERDICT} and {@link #ACTIVITY} messages a clustered Vigie sends: the id of the node that sent
   * them, put by that node's monitor (an outbound interceptor), so no area needs to know it. The monitor keeps a
   * section per node and name, and shows it with {@code node}; without {@code --cluster} no message carries it.
   */
  public static final String NODE = "node";
  /**
   * Request-reply: a {@link SectionUpdate} from outside Vigie ({@code POST /api/sections}); replies {@code {accepted:
   * name}}. Fails 400 {@code BAD_SECTION}, 409 {@code RESERVED_SECTION} (a built-in name), 409
   * {@code TOO_MANY_SECTIONS}, 413 {@code SECTION_TOO_LARGE}, each naming the field.
   */
  public static final String EXTERNAL = "vigie.monitor.external";
  /**
   * Publish, by the monitor of a clustered Vigie: a section posted to its node's API ({@link #EXTERNAL}) once it took
   * it, tagged with header {@link #NODE}, so that every member's page shows it under that node; held there to the
   * same bounds as a posted section.
   */
  public static final String POSTED = "vigie.monitor.posted";
  /**
   * The names of Vigie's own sections (and of its areas, for sections to come): reserved, never taken from outside.
   * {@code storage} is the page's own panel.
   */
  public static final Set<String> BUILT_IN_SECTIONS = Set.of("system", "downloads", "cache", "upstream", "quality",
      "endpoints", "freshness", "stress", "api", "storage", "download", "probe", "monitor", "web", "store", "notify",
      "cluster", "demo", "totals");
  /**
   * Publish (local, by the monitor of a clustered Vigie): {@code {held, alerts: [open alerts]}} when this node's
   * monitor starts ({@code held: true}) or stops acting for the cluster's alerts (the holder of the
   * {@code ClusterBus.ALERTS} role evaluates and announces alerts for every node). {@code alerts}: the alerts open when
   * it took over, raised and notified by the previous holder: kept (Alertmanager's re-sends) but not sent again.
   */
  public static final String ALERTS_HANDOVER = "vigie.monitor.alerts.handover";
  /**
   * Publish or send: an activity entry {@code {level: info|warning|error, message, component?}} to append. In a
   * cluster every node's monitor hears every node's entries, each tagged with its sender ({@link #NODE}, put by the
   * sender's monitor), and shows them with {@code node}.
   */
  public static final String ACTIVITY = "vigie.monitor.activity";
  /**
   * Request-reply, answered by this node's monitor: empty body; replies with the full snapshot {@code {sections, log,
   * alerts, ts, node?}} ({@code node}: this node's id, in a cluster; each section then carries the {@code node} it
   * comes from, and a {@code totals} section sums the nodes' downloads, cache, probes and the open alerts). Fails 500
   * {@code SNAPSHOT_TOO_LARGE} past {@code monitor.maxSnapshotBytes}, 500 {@code INTERNAL} if it cannot be built.
   */
  public static final String SNAPSHOT = "vigie.monitor.snapshot";
  /**
   * Request-reply: empty body, and header {@link #SNAPSHOT_HELD} with the version of the text the asker holds, if any;
   * replies with the same snapshot as {@link #SNAPSHOT} as its JSON text in UTF-8 (a Buffer), built once per change of
   * a section, the log or the alerts, with header {@link #SNAPSHOT_VERSION}; an empty buffer when that version is
   * the one held. For servers that pass it on as is ({@code GET /api/snapshot}, {@code /ws}). Fails as
   * {@link #SNAPSHOT} does.
   */
  public static final String SNAPSHOT_TEXT = "vigie.monitor.snapshot.text";
  /** Header of a {@link #SNAPSHOT_TEXT} request: the version of the snapshot text the asker holds. */
  public static final String SNAPSHOT_HELD = "held";
  /** Header of a {@link #SNAPSHOT_TEXT} reply: the version of the snapshot text, a different one for every build. */
  public static final String SNAPSHOT_VERSION = "version";
  /**
   * Request-reply: empty body; replies {@code {fileName, report}}: the exported performance report (snapshot, log,
   * alerts, probe summaries, the store's history windows, configuration, version, time) with every secret redacted, and the file name it is
   * offered under ({@code performance-report-<yyyyMMdd'T'HHmmss'Z'>.json}). Takes up to 10 s when the probe area is
   * slow to answer.
   */
  public static final String REPORT = "vigie.monitor.report";
  /**
   * Publish (by the monitor, local to its node): {@code {sections: [changed sections], removed?: [names of expired
   * sections], removedFromNodes?: [{node, section}], ts}}, at most once per push interval (and at once when a built-in
   * section's status changes). A section updated several times within one interval is pushed once, in its newest
   * state. {@code removedFromNodes}: sections of nodes (a node that left the cluster, an expired external section).
   */
  public static final String UPDATE = "vigie.monitor.update";
  /**
   * Publish (by the monitor, local to its node): one activity log entry {@code {time, level, message, component?,
   * node?}}.
   */
  public static final String LOG = "vigie.monitor.log";
  /**
   * Publish (by the monitor): an alert {@code {id, state: raised|cleared, severity, metric, message, action, time,
   * silenced?, node?}}. In a cluster only the monitor holding the {@code ClusterBus.ALERTS} role publishes them, to
   * every node; {@code node}: the node the alert is about (whose section or check it comes from).
   */
  public static final String ALERT = "vigie.monitor.alert";
  /**
   * Publish (by the monitor): an open alert someone acknowledged or silenced, as it now stands, with {@code state:
   * acknowledged|silenced}, {@code time} and {@code acknowledged: {at, note?}} or {@code silenced: {until, reason,
   * at}}: one per alert touched (a rule's silence touches each of its open alerts). For the history; not notified.
   */
  public static final String ALERT_ACTION = "vigie.monitor.alertAction";
  /**
   * Publish (by an area that judges its own checks: the probe, per endpoint and freshness source): an alert it raised
   * or cleared, {@code {id, rule, state: raised|cleared, severity, section, metric, value?, unit?, message, action,
   * group?}}. The monitor keeps it with the alerts of its rules (snapshot, acknowledge, silence, flapping) and
   * publishes it on {@link #ALERT}.
   */
  public static final String VERDICT = "vigie.monitor.verdict";
  /**
   * Request-reply: {@code {id, note?}} acknowledges an open alert; replies the alert. Fails 404 {@code NO_ALERT}. In a
   * cluster, answered by the holder of the alerts role alone (as {@link #SILENCE}).
   */
  public static final String ACK = "vigie.monitor.ack";
  /**
   * Request-reply: {@code {id, durationMs, reason}} silences an alert or a rule (its raises and clears carry
   * {@code silenced} and are not notified); replies {@code {id, until, reason, at}}. Fails 404 {@code NO_ALERT},
   * 409 {@code TOO_MANY_SILENCES}.
   */
  public static final String SILENCE = "vigie.monitor.silence";
  /** Publish (by the web verticle): {@code {clients}} connected websocket clients, when the count changes. */
  public static final String CLIENTS = "vigie.web.clients";

  /**
   * The only addresses live clients receive, each published (never sent) and meant for every watcher: {@code /ws}
   * forwards them as frames, and the SockJS bridge lets a client register on these and on nothing else (a client
   * registered on a request-reply address would take requests meant for Vigie). Bridge clients send nothing.
   */
  public static final List<String> LIVE = List.of(UPDATE, LOG, ALERT, StressBus.PROGRESS);
}
