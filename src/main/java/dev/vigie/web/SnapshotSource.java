package dev.vigie.web;

import dev.vigie.bus.MonitorBus;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;

/**
 * The monitor's snapshot text in UTF-8 ({@link MonitorBus#SNAPSHOT_TEXT}), held for every request and socket of this
 * verticle: one buffer per version of the snapshot, outside the heap once large, never written, which every response
 * shares (Vert.x writes a slice of it; nothing is encoded or copied per request here). Each ask names the version held, so the monitor sends
 * the bytes only when they changed. Used on the web verticle's event loop only.
 */
final class SnapshotSource {
  private final Vertx vertx;
  private final long timeoutMs;
  private String version;
  private Buffer bytes;
  /** Read by the metrics scrape, on another thread. */
  private volatile long received;

  SnapshotSource(Vertx vertx, long timeoutMs) {
    this.vertx = vertx;
    this.timeoutMs = timeoutMs;
  }

  /** The current snapshot text; fails as the monitor's reply does (a refusal carries its status). */
  Future<Buffer> current() {
    DeliveryOptions options = new DeliveryOptions().setSendTimeout(timeoutMs);
    if (version != null) {
      options.addHeader(MonitorBus.SNAPSHOT_HELD, version);
    }
    return vertx.eventBus().<Buffer>request(MonitorBus.SNAPSHOT_TEXT, null, options).map(this::keep);
  }

  private Buffer keep(Message<Buffer> reply) {
    if (reply.body() == null || reply.body().length() == 0) {
      // What was held when asking is current, or a reply since brought a newer one: either way, what is held.
      if (bytes == null) {
        throw new IllegalStateException("the monitor sent no snapshot text");
      }
      return bytes;
    }
    // The monitor's own bytes (SharedBufferCodec: no copy), pieces of its sections' stored text: copied here once
    // out of the heap, so that every response and every /ws snapshot frame writes them as they are. A heap buffer
    // is copied into a direct one at every write, and one in pieces is first joined on the heap.
    received++;
    version = reply.headers().get(MonitorBus.SNAPSHOT_VERSION);
    bytes = DirectFrameBytes.of(reply.body());
    return bytes;
  }

  /** Snapshot texts received from the monitor: one per version asked for, however many requests it answered. */
  long received() {
    return received;
  }
}
