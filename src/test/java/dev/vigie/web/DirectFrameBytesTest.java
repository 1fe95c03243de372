package dev.vigie.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.buffer.BufferInternal;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Large frames are copied once out of the heap, whole, and every view written of them shares that memory. */
class DirectFrameBytesTest {
  @Test
  void aSmallFrameStaysAsItIs() {
    Buffer small = Buffer.buffer("x".repeat(DirectFrameBytes.MIN_BYTES - 1));
    assertSame(small, DirectFrameBytes.of(small));
    assertFalse(DirectFrameBytes.isDirect(small));
  }

  @Test
  void aLargeFrameIsCopiedWholeOutOfTheHeap() {
    byte[] bytes = new byte[3 * DirectFrameBytes.MIN_BYTES + 5];
    new Random(7).nextBytes(bytes);
    Buffer heap = Buffer.buffer(bytes);
    Buffer direct = DirectFrameBytes.of(heap);
    assertTrue(DirectFrameBytes.isDirect(direct));
    assertEquals(heap, direct);
    assertEquals(heap.slice(100, 40_000), direct.slice(100, 40_000));
  }

  @Test
  void whatAWriteIsGivenIsAViewNeitherCopiedNorReleasable() {
    Buffer direct = DirectFrameBytes.of(Buffer.buffer(new byte[DirectFrameBytes.MIN_BYTES]));
    var written = ((BufferInternal) direct.slice(0, 1024)).getByteBuf();
    var other = ((BufferInternal) direct.slice(0, 1024)).getByteBuf();
    // Netty's socket transports write a direct buffer as it is (a heap one is copied into a pooled direct one).
    assertTrue(written.isDirect());
    assertEquals(written.memoryAddress(), other.memoryAddress(), "two writes view the same memory");
    written.release();
    written.release();
    assertEquals(direct.length(), DirectFrameBytes.MIN_BYTES, "the bytes outlive the writes' releases");
    assertEquals(0, direct.getByte(10));
  }
}
