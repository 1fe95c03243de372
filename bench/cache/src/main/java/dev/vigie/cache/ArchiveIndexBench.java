package dev.vigie.cache;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * In-process existence check: {@link ArchiveIndex#lookup} on an index of {@code entries} archives (goal < 1 µs).
 * Keys are the real Binance layout (one symbol, one interval, consecutive days), looked up round-robin.
 */
@State(Scope.Thread)
@BenchmarkMode({Mode.AverageTime, Mode.SampleTime})
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ArchiveIndexBench {
  @Param({"10000", "100000"})
  int entries;

  private ArchiveIndex index;
  private String[] present;
  private String[] absent;
  private int next;

  @Setup
  public void fill() {
    index = new ArchiveIndex(Long.MAX_VALUE, Long.MAX_VALUE, System::currentTimeMillis);
    present = new String[entries];
    absent = new String[1024];
    java.time.LocalDate day = java.time.LocalDate.of(2017, 8, 17);
    for (int i = 0; i < entries; i++) {
      String symbol = "SYM" + (i / 3000) + "USDT";
      present[i] = "data/spot/daily/klines/" + symbol + "/1m/" + symbol + "-1m-" + day.plusDays(i % 3000) + ".zip";
      index.put(new ArchiveEntry(present[i], 60_000, "0".repeat(64), 0, 0));
    }
    for (int i = 0; i < absent.length; i++) {
      absent[i] = "data/spot/daily/klines/NOPEUSDT/1m/NOPEUSDT-1m-" + day.plusDays(i) + ".zip";
    }
  }

  @Benchmark
  public ArchiveEntry lookupHit() {
    String key = present[next];
    next = next + 1 == present.length ? 0 : next + 1;
    return index.lookup(key);
  }

  @Benchmark
  public ArchiveEntry lookupMiss() {
    String key = absent[next & (absent.length - 1)];
    next++;
    return index.lookup(key);
  }
}
