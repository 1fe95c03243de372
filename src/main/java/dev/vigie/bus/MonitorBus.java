package dev.vigie.bus;

/** Monitor addresses: how sections, the activity log and alerts travel. */
public final class MonitorBus {
  private MonitorBus() {
  }

  /** Publish: a {@link SectionUpdate} from any verticle, in this JVM or over a clustered bus. */
  public static final String SECTION = "vigie.monitor.section";
  /** Publish or send: an activity entry {@code {level: info|warning|error, message, component?}} to append. */
  public static final String ACTIVITY = "vigie.monitor.activity";
  /** Request-reply: empty body; replies with the full snapshot {@code {sections, log, alerts, ts}}. */
  public static final String SNAPSHOT = "vigie.monitor.snapshot";
  /**
   * Request-reply: empty body; replies {@code {fileName, report}}: the exported performance report (snapshot, log,
   * alerts, probe summaries, the store's history windows, configuration, version, time) with every secret redacted, and the file name it is
   * offered under ({@code performance-report-<yyyyMMdd'T'HHmmss'Z'>.json}). Takes up to 10 s when the probe area is
   * slow to answer.
   */
  public static final String REPORT = "vigie.monitor.report";
  /** Publish (by the monitor): {@code {sections: [changed sections], ts}}, at most once per push interval. */
  public static final String UPDATE = "vigie.monitor.update";
  /** Publish (by the monitor): one activity log entry {@code {time, level, message, component}} as appended. */
  public static final String LOG = "vigie.monitor.log";
  /** Publish (by the monitor): an alert {@code {id, state: raised|cleared, severity, metric, message, action, time}}. */
  public static final String ALERT = "vigie.monitor.alert";
  /** Publish (by the web verticle): {@code {clients}} connected websocket clients, when the count changes. */
  public static final String CLIENTS = "vigie.web.clients";

  /** Prefix every address the SockJS bridge lets clients receive. */
  public static final String PREFIX = "vigie.monitor.";
}
