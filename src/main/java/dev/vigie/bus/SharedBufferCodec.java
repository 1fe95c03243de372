package dev.vigie.bus;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.MessageCodec;

/**
 * Delivers a buffer that nobody writes after sending it without a copy: on this node the receiver reads the sender's
 * bytes. Vert.x's own buffer codec copies every buffer it delivers locally, which for the snapshot text
 * ({@link MonitorBus#SNAPSHOT_TEXT}, up to megabytes) was one copy per build. Sent across the cluster it is encoded as
 * Vert.x's would be: its length, then its bytes.
 */
public final class SharedBufferCodec implements MessageCodec<Buffer, Buffer> {
  /** The name to put in {@link io.vertx.core.eventbus.DeliveryOptions#setCodecName}. */
  public static final String NAME = "vigie.shared-buffer";

  /** Registers the codec on {@code bus}, unless an earlier deployment did. */
  public static void registerOn(EventBus bus) {
    try {
      bus.registerCodec(new SharedBufferCodec());
    } catch (IllegalStateException alreadyRegistered) {
      // A verticle deployed again on the same Vert.x: the codec it registered the first time is the same.
    }
  }

  @Override
  public void encodeToWire(Buffer buffer, Buffer body) {
    buffer.appendInt(body.length()).appendBuffer(body);
  }

  @Override
  public Buffer decodeFromWire(int pos, Buffer buffer) {
    int length = buffer.getInt(pos);
    return buffer.getBuffer(pos + 4, pos + 4 + length);
  }

  @Override
  public Buffer transform(Buffer body) {
    return body;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public byte systemCodecID() {
    return -1;
  }
}
