package dev.vigie.monitor;

import dev.vigie.bus.Failures;
import dev.vigie.bus.Refusal;
import io.netty.buffer.Unpooled;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.buffer.BufferInternal;
import io.vertx.core.json.JsonArray;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The snapshot {@code {sections, log, alerts, ts}} as JSON text in UTF-8, built once per change and shared by every
 * request until the next one. The sections are each encoded once when stored ({@link SectionBoard#addAll}), so a
 * build joins their bytes as they are (a composite buffer: nothing large is encoded or copied, which under posted
 * sections at their caps was a megabyte allocated and copied per build); the log and the alerts are small and encoded per
 * request, which also catches an alert that changed without a version of its own (a silence that ran out). {@code ts}
 * is when the text was built. Each build has a {@link #version} of its own, so that an asker holding the current one
 * need not be sent the bytes again. Owned by the monitor verticle; the buffer is never written after its build.
 */
final class SnapshotText {
  private static final byte[] SECTIONS = "{\"sections\":".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] LOG = ",\"log\":".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] ALERTS = ",\"alerts\":".getBytes(StandardCharsets.US_ASCII);
  private final long maxBytes;
  /** This node's id in a cluster (the snapshot's {@code node}), or null. */
  private final String node;
  /** Versions of another monitor (a redeployment) never equal this one's. */
  private final String instance = UUID.randomUUID().toString();
  private long boardVersion = -1;
  private long logVersion = -1;
  private String alerts;
  private Buffer bytes;
  /** Read by the metrics scrape, on another thread. */
  private volatile long builds;

  /** @param maxBytes {@code monitor.maxSnapshotBytes} */
  SnapshotText(long maxBytes) {
    this(maxBytes, null);
  }

  /** @param node this node's id in a cluster, written as the snapshot's {@code node}; null when it runs alone */
  SnapshotText(long maxBytes, String node) {
    this.maxBytes = maxBytes;
    this.node = node;
  }

  /**
   * The snapshot's text in UTF-8: the one built last when nothing changed since, else a new one. Throws a 500
   * {@code SNAPSHOT_TOO_LARGE} refusal past {@code maxBytes}. Callers must not write to it.
   */
  Buffer of(SectionBoard board, ActivityLog log, JsonArray raised, Instant now) {
    String alertsText = raised.encode();
    if (bytes != null && board.version() == boardVersion && log.version() == logVersion && alertsText.equals(alerts)) {
      return bytes;
    }
    byte[] logBytes = log.toJson().encode().getBytes(StandardCharsets.UTF_8);
    byte[] alertBytes = alertsText.getBytes(StandardCharsets.UTF_8);
    // An Instant's text and a node id (a UUID) have nothing to escape and are ASCII.
    byte[] tail = (",\"ts\":\"" + now + "\"" + (node == null ? "" : ",\"node\":\"" + node + "\"") + "}")
        .getBytes(StandardCharsets.US_ASCII);
    long size = board.arrayBytes() + logBytes.length + alertBytes.length;
    if (size > maxBytes) {
      throw tooLarge(size, maxBytes);
    }
    List<byte[]> parts = new ArrayList<>();
    parts.add(SECTIONS);
    board.addAll(parts);
    parts.addAll(List.of(LOG, logBytes, ALERTS, alertBytes, tail));
    builds++;
    // As many components as parts: past Netty's default of 16 a composite buffer would copy them into one.
    bytes = BufferInternal.buffer(Unpooled.wrappedBuffer(parts.size(), parts.toArray(byte[][]::new)));
    boardVersion = board.version();
    logVersion = log.version();
    alerts = alertsText;
    return bytes;
  }

  /** The version of the text {@link #of} returned last: a different one for every build. */
  String version() {
    return instance + "-" + builds;
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
