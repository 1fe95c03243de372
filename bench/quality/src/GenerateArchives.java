import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes Binance-shaped archives for the quality benchmarks, streaming (no file in memory):
 * a spot monthly trades archive of at least {@code tradesBytes} uncompressed (µs timestamps, as spot since 2025)
 * and a spot monthly 1s klines archive (every second of March 2025, ms timestamps as klines of that date had).
 * Usage: GenerateArchives DIR [tradesBytes]
 */
public final class GenerateArchives {
  private static final long MARCH_2025_MS = 1_740_787_200_000L;
  private static final long MONTH_MS = 31L * 86_400_000L;

  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args[0]);
    long tradesBytes = args.length > 1 ? Long.parseLong(args[1]) : 1_100_000_000L;
    Files.createDirectories(dir);
    long t0 = System.nanoTime();
    long trades = trades(dir.resolve("BTCUSDT-trades-2025-03.zip"), tradesBytes);
    long t1 = System.nanoTime();
    System.out.printf("trades: %d bytes uncompressed, %d bytes zipped, %.1f s%n", trades,
        Files.size(dir.resolve("BTCUSDT-trades-2025-03.zip")), (t1 - t0) / 1e9);
    long klines = klines(dir.resolve("BTCUSDT-1s-2025-03.zip"));
    System.out.printf("klines: %d bytes uncompressed, %d bytes zipped, %.1f s%n", klines,
        Files.size(dir.resolve("BTCUSDT-1s-2025-03.zip")), (System.nanoTime() - t1) / 1e9);
  }

  private static long trades(Path file, long target) throws IOException {
    SplittableRandom random = new SplittableRandom(42);
    Row row = new Row();
    long id = 4_000_000_000L;
    long price = 84_000_00000000L;
    long timeUs = MARCH_2025_MS * 1000;
    long spanUs = MONTH_MS * 1000;
    long rows = target / 80 + 1;
    long step = spanUs / rows;
    long written = 0;
    try (ZipOutputStream out = open(file)) {
      while (written < target) {
        price = Math.max(1_00000000L, price + random.nextLong(-2_00000000L, 2_00000001L));
        long qty = random.nextLong(1, 2_00000000L) / (random.nextInt(4) == 0 ? 1 : 1000) * 1000 + random.nextLong(1000);
        long quote = (long) ((double) price * qty / 1e8);
        timeUs += random.nextLong(0, 2 * step);
        boolean maker = random.nextBoolean();
        row.reset().number(id++).comma().fixed8(price).comma().fixed8(qty).comma().fixed8(quote).comma()
            .number(Math.min(timeUs, MARCH_2025_MS * 1000 + spanUs - 1)).comma().text(maker ? "True" : "False")
            .comma().text("True").newline();
        written += row.writeTo(out);
      }
    }
    return written;
  }

  private static long klines(Path file) throws IOException {
    SplittableRandom random = new SplittableRandom(7);
    Row row = new Row();
    long close = 84_000_00L;
    long written = 0;
    try (ZipOutputStream out = open(file)) {
      for (long open = MARCH_2025_MS; open < MARCH_2025_MS + MONTH_MS; open += 1000) {
        long o = close;
        long c = Math.max(100, o + random.nextLong(-500, 501));
        long h = Math.max(o, c) + random.nextLong(0, 300);
        long l = Math.max(1, Math.min(o, c) - random.nextLong(0, 300));
        long volume = random.nextLong(0, 5_00000000L);
        long taker = volume == 0 ? 0 : random.nextLong(0, volume + 1);
        long trades = volume == 0 ? 0 : random.nextLong(1, 200);
        row.reset().number(open).comma().fixed2x(o).comma().fixed2x(h).comma().fixed2x(l).comma().fixed2x(c).comma()
            .fixed8(volume).comma().number(open + 999).comma().fixed8(volume / 1000 * (o / 100)).comma().number(trades)
            .comma().fixed8(taker).comma().fixed8(taker / 1000 * (o / 100)).comma().text("0").newline();
        written += row.writeTo(out);
        close = c;
      }
    }
    return written;
  }

  private static ZipOutputStream open(Path file) throws IOException {
    ZipOutputStream out = new ZipOutputStream(new java.io.BufferedOutputStream(Files.newOutputStream(file), 1 << 16));
    out.putNextEntry(new ZipEntry(file.getFileName().toString().replace(".zip", ".csv")));
    return out;
  }

  /** One CSV row assembled in a reused byte array. */
  private static final class Row {
    private final byte[] bytes = new byte[256];
    private int length;

    Row reset() {
      length = 0;
      return this;
    }

    Row comma() {
      bytes[length++] = ',';
      return this;
    }

    Row newline() {
      bytes[length++] = '\n';
      return this;
    }

    Row text(String s) {
      for (int i = 0; i < s.length(); i++) {
        bytes[length++] = (byte) s.charAt(i);
      }
      return this;
    }

    Row number(long v) {
      if (v == 0) {
        bytes[length++] = '0';
        return this;
      }
      int start = length;
      while (v > 0) {
        bytes[length++] = (byte) ('0' + v % 10);
        v /= 10;
      }
      for (int i = start, j = length - 1; i < j; i++, j--) {
        byte t = bytes[i];
        bytes[i] = bytes[j];
        bytes[j] = t;
      }
      return this;
    }

    /** A value in 1e-8 units, written with eight decimals. */
    Row fixed8(long v) {
      number(v / 100_000_000L);
      bytes[length++] = '.';
      long frac = v % 100_000_000L;
      for (long d = 10_000_000L; d > 0; d /= 10) {
        bytes[length++] = (byte) ('0' + frac / d % 10);
      }
      return this;
    }

    /** A value in 1e-2 units, written with eight decimals (spot prices). */
    Row fixed2x(long v) {
      return fixed8(v * 1_000_000L);
    }

    int writeTo(OutputStream out) throws IOException {
      out.write(bytes, 0, length);
      return length;
    }
  }
}
