package dev.vigie.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ResultAggregateTest {
  @Test
  void mergingEncodedRollupsKeepsPercentilesWithinOnePercent() {
    Random random = new Random(7);
    double[] values = new double[10_000];
    ResultAggregate merged = new ResultAggregate();
    HistogramReader reader = new HistogramReader();
    for (int part = 0; part < 10; part++) {
      ResultAggregate minute = new ResultAggregate();
      for (int i = 0; i < 1000; i++) {
        double v = Math.round(Math.exp(random.nextGaussian() * 1.2 + 3) * 10) / 10.0;
        values[part * 1000 + i] = v;
        minute.add("endpoint", i % 100 != 0, v, i % 100 != 0 ? null : "timeout");
      }
      merged.add("endpoint", minute.total(), minute.failures(), minute.reasonsJson(), minute.max(), minute.encodedHistogram(),
          reader);
    }
    Arrays.sort(values);
    assertEquals(10_000, merged.total());
    assertEquals(100, merged.failures());
    assertEquals("{\"timeout\":100}", merged.reasonsJson());
    assertEquals(values[values.length - 1], merged.max());
    for (double p : new double[] {50, 90, 95, 99, 99.9}) {
      double raw = values[(int) Math.ceil(p * values.length / 100 - 1e-9) - 1];
      assertEquals(raw, merged.percentileMs(p), raw * 0.01 + 0.1, "p" + p);
    }
    reader.close();
  }

  /** Packed (kept in memory between questions) and added back, an aggregate answers the same. */
  @Test
  void aPackedAggregateAddsBackToTheSameSums() {
    Random random = new Random(11);
    ResultAggregate a = new ResultAggregate();
    for (int i = 0; i < 5000; i++) {
      a.add("endpoint", i % 40 != 0, Math.round(Math.exp(random.nextGaussian() * 1.5 + 3) * 10) / 10.0,
          i % 40 != 0 ? null : (i % 80 == 0 ? "timeout" : "status"));
    }
    ResultAggregate back = new ResultAggregate();
    try (HistogramReader reader = new HistogramReader()) {
      back.add(a.pack(), reader);
      back.add(new ResultAggregate().pack(), reader);
    }
    assertEquals(a.toJson(), back.toJson());
    assertEquals("endpoint", back.kind());

    // A scratch aggregate, cleared and used again, adds up to the same.
    ResultAggregate scratch = ResultAggregate.scratch(1);
    scratch.add(back);
    scratch.clear();
    assertEquals(new ResultAggregate().toJson(), scratch.toJson());
    scratch.add(a);
    assertEquals(a.toJson(), scratch.toJson());
  }
}
