package dev.vigie.quality.bench;

import dev.vigie.vision.ArchiveName;
import dev.vigie.quality.CsvRow;
import dev.vigie.quality.LineReader;
import dev.vigie.quality.RowRules;
import dev.vigie.quality.ScanTally;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The parse side of a scan, per row: cut lines out of the buffer, split fields, parse numbers from bytes and apply
 * the data type's rules. Inflating is left out (see bench/quality/run.sh for the whole scan).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RowParserBench {
  private static final int ROWS = 10_000;
  private static final long MARCH_2025_MS = 1_740_787_200_000L;

  private byte[] trades;
  private byte[] klines;
  private ArchiveName tradesName;
  private ArchiveName klinesName;
  private LineReader reader;

  @Setup
  public void setup() {
    StringBuilder t = new StringBuilder();
    long price = 84_000_12345678L;
    for (int i = 0; i < ROWS; i++) {
      price += (i * 7919L % 400_000_000L) - 200_000_000L;
      t.append(4_000_000_000L + i).append(',').append(price / 100_000_000L).append('.')
          .append(String.format("%08d", price % 100_000_000L)).append(",0.00").append(100 + i % 900).append("000,")
          .append(84 + i % 10).append(".12345678,").append((MARCH_2025_MS + i) * 1000).append(",True,True\n");
    }
    trades = t.toString().getBytes(StandardCharsets.US_ASCII);
    StringBuilder k = new StringBuilder();
    for (int i = 0; i < ROWS; i++) {
      long open = MARCH_2025_MS + i * 1000L;
      k.append(open).append(",84000.01000000,84010.50000000,83990.00000000,84005.25000000,1.23456789,")
          .append(open + 999).append(",103702.11223344,").append(17 + i % 50).append(",0.61728394,51851.05611672,0\n");
    }
    klines = k.toString().getBytes(StandardCharsets.US_ASCII);
    tradesName = ArchiveName.parse("data/spot/monthly/trades/BTCUSDT/BTCUSDT-trades-2025-03.zip");
    klinesName = ArchiveName.parse("data/spot/monthly/klines/BTCUSDT/1s/BTCUSDT-1s-2025-03.zip");
    reader = new LineReader(256 * 1024, 1024);
  }

  @Benchmark
  @OperationsPerInvocation(ROWS)
  public long tradesRow() throws Exception {
    return parse(trades, tradesName);
  }

  @Benchmark
  @OperationsPerInvocation(ROWS)
  public long klinesRow() throws Exception {
    return parse(klines, klinesName);
  }

  /** Fresh rules per pass: their order state would otherwise flag the second pass as out of order. */
  private long parse(byte[] csv, ArchiveName name) throws IOException, dev.vigie.quality.ScanFailure {
    ScanTally tally = new ScanTally();
    RowRules rules = RowRules.forName(name, tally);
    CsvRow row = new CsvRow();
    long[] valid = {0};
    reader.read(new ByteArrayInputStream(csv), (buf, start, end, line) -> {
      row.split(buf, start, end);
      if (rules.check(row, line) == null) {
        valid[0]++;
      }
    }, () -> false);
    if (valid[0] != ROWS) {
      throw new IllegalStateException("only " + valid[0] + " valid rows: the benchmark data is wrong");
    }
    return valid[0];
  }
}
