package dev.vigie.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Base64;
import java.util.Random;
import java.util.zip.DataFormatException;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/** The store's own histogram reader gives what HdrHistogram's decoder gives, bucket for bucket. */
class HistogramReaderTest {
  @Test
  void readsStoredHistogramsAsHdrHistogramDecodesThem() throws DataFormatException {
    Random random = new Random(3);
    Histogram ours = histogram();
    Histogram library = histogram();
    try (HistogramReader reader = new HistogramReader()) {
      for (int round = 0; round < 200; round++) {
        Histogram h = histogram();
        int n = random.nextInt(3) == 0 ? 1 : random.nextInt(5000);
        for (int i = 0; i < n; i++) {
          // Microseconds from 0 to about an hour, many repeated (long runs of one bucket, and of empty ones).
          long v = random.nextInt(4) == 0 ? random.nextInt(300) : (long) Math.exp(random.nextDouble() * 22);
          h.recordValueWithCount(v, 1 + random.nextInt(3) * (long) random.nextInt(100_000));
        }
        String compressed = compressed(h);
        reader.addCompressed(compressed, ours);
        library.add(Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(Base64.getDecoder().decode(compressed)), 0));
        ByteBuffer plain = ByteBuffer.allocate(h.getNeededByteBufferCapacity());
        Histogram alone = histogram();
        reader.addPlain(Arrays.copyOf(plain.array(), h.encodeIntoByteBuffer(plain)), alone);
        assertSameBuckets(h, alone);
      }
    }
    assertSameBuckets(library, ours);
    for (double p : new double[] {0, 1, 50, 95, 99, 99.99, 100}) {
      assertEquals(library.getValueAtPercentile(p), ours.getValueAtPercentile(p), "p" + p);
    }
  }

  @Test
  void valueAtIsTheLowestValueOfEachBucket() {
    Histogram h = histogram();
    for (int index = 0; index < 4000; index++) {
      long v = HistogramReader.valueAt(index);
      assertEquals(v, h.lowestEquivalentValue(v), "index " + index);
      if (index > 0) {
        assertEquals(HistogramReader.valueAt(index - 1), h.lowestEquivalentValue(v - 1), "index " + index);
      }
    }
  }

  private static void assertSameBuckets(Histogram expected, Histogram actual) {
    assertEquals(expected.getTotalCount(), actual.getTotalCount());
    expected.recordedValues().forEach(v -> assertEquals(v.getCountAtValueIteratedTo(),
        actual.getCountAtValue(v.getValueIteratedTo()), "at " + v.getValueIteratedTo()));
  }

  private static Histogram histogram() {
    Histogram h = new Histogram(2);
    h.setAutoResize(true);
    return h;
  }

  private static String compressed(Histogram h) {
    ByteBuffer buffer = ByteBuffer.allocate(h.getNeededByteBufferCapacity());
    int length = h.encodeIntoCompressedByteBuffer(buffer);
    return Base64.getEncoder().encodeToString(Arrays.copyOf(buffer.array(), length));
  }
}
