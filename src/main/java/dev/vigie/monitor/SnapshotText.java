package dev.vigie.monitor;

import dev.vigie.bus.Failures;
import dev.vigie.bus.Refusal;
import io.vertx.core.json.JsonArray;
import java.time.Instant;

/**
 * The snapshot {@code {sections, log, alerts, ts}} as JSON text, built once per change and shared by every request
 * until the next one. The sections are each encoded once when stored ({@link SectionBoard#allText}); the log and the
 * alerts are small and encoded per request, which also catches an alert that changed without a version of its own
 * (a silence that ran out). {@code ts} is when the text was built. Owned by the monitor verticle.
 */
final class SnapshotText {
  private final long maxBytes;
  private long boardVersion = -1;
  private long logVersion = -1;
  private String alerts;
  private String text;
  private long builds;

  /** @param maxBytes {@code monitor.maxSnapshotBytes} */
  SnapshotText(long maxBytes) {
    this.maxBytes = maxBytes;
  }

  /**
   * The snapshot's text: the one built last when nothing changed since, else a new one. Throws a 500
   * {@code SNAPSHOT_TOO_LARGE} refusal past {@code maxBytes}.
   */
  String of(SectionBoard board, ActivityLog log, JsonArray raised, Instant now) {
    String alertsText = raised.encode();
    if (text != null && board.version() == boardVersion && log.version() == logVersion && alertsText.equals(alerts)) {
      return text;
    }
    String logText = log.toJson().encode();
    long size = board.bytes() + logText.length() + alertsText.length();
    if (size > maxBytes) {
      throw tooLarge(size, maxBytes);
    }
    builds++;
    // An Instant's text has nothing to escape.
    text = "{\"sections\":" + board.allText() + ",\"log\":" + logText + ",\"alerts\":" + alertsText
        + ",\"ts\":\"" + now + "\"}";
    boardVersion = board.version();
    logVersion = log.version();
    alerts = alertsText;
    return text;
  }

  /** Texts built so far: one per change asked about, however many requests it answered. */
  long builds() {
    return builds;
  }

  static Refusal tooLarge(long size, long maxBytes) {
    return new Refusal(Failures.INTERNAL, "SNAPSHOT_TOO_LARGE", "the snapshot would be about " + size
        + " bytes, over monitor.maxSnapshotBytes (" + maxBytes + ")");
  }
}
