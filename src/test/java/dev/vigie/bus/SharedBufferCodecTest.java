package dev.vigie.bus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A buffer sent with the codec reaches a receiver on the same node as the sender's own bytes, and crosses a wire intact. */
class SharedBufferCodecTest {

  @Test
  void aLocalReceiverGetsTheSendersBuffer() throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      SharedBufferCodec.registerOn(vertx.eventBus());
      SharedBufferCodec.registerOn(vertx.eventBus()); // a second deployment's registration is no error
      Buffer sent = Buffer.buffer("{\"sections\":[]}");
      vertx.eventBus().<Buffer>consumer("shared-buffer-test", msg -> msg.reply(msg.body() == sent ? "same" : "copy"));

      Object answer = vertx.eventBus().request("shared-buffer-test", sent,
          new DeliveryOptions().setCodecName(SharedBufferCodec.NAME)).await(5, TimeUnit.SECONDS).body();

      assertEquals("same", answer);
    } finally {
      vertx.close().await(5, TimeUnit.SECONDS);
    }
  }

  @Test
  void theWireCarriesTheLengthThenTheBytes() {
    SharedBufferCodec codec = new SharedBufferCodec();
    Buffer body = Buffer.buffer("snapshot bytes");
    Buffer wire = Buffer.buffer("head");
    codec.encodeToWire(wire, body);

    assertEquals(body, codec.decodeFromWire(4, wire));
    assertSame(body, codec.transform(body));
  }
}
