import dev.vigie.quality.ArchiveScanner;
import dev.vigie.quality.ScanLimits;
import io.vertx.core.json.JsonObject;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.ZipInputStream;

/**
 * Scan throughput side by side, in one JVM: the quality scanner (inflate and parse on two threads, then on one)
 * against a plain java.util.zip.ZipInputStream loop that only counts newlines (the inflate limit).
 * Usage: QualityBench ROUNDS ARCHIVE KEY [ARCHIVE KEY ...]; prints one markdown row per archive and method.
 */
public final class QualityBench {
  public static void main(String[] args) throws IOException {
    int rounds = Integer.parseInt(args[0]);
    System.out.println("| archive | method | uncompressed MB | MB/s (median of " + rounds + ") | runs MB/s | rows/lines |");
    System.out.println("|---|---|---|---|---|---|");
    for (int i = 1; i + 1 < args.length; i += 2) {
      Path file = Path.of(args[i]);
      String key = args[i + 1];
      double[] twoThreads = new double[rounds];
      double[] oneThread = new double[rounds];
      double[] baseline = new double[rounds];
      long bytes = 0;
      long rows = 0;
      long lines = 0;
      // One warm-up of each so the JIT has compiled the hot loops before measuring.
      scan(file, key, true);
      scan(file, key, false);
      newlines(file);
      for (int r = 0; r < rounds; r++) {
        JsonObject two = scan(file, key, true);
        twoThreads[r] = two.getDouble("mbPerSecond");
        bytes = two.getLong("uncompressedBytes");
        rows = two.getLong("rows");
        oneThread[r] = scan(file, key, false).getDouble("mbPerSecond");
        long t0 = System.nanoTime();
        lines = newlines(file);
        baseline[r] = bytes / 1e6 / ((System.nanoTime() - t0) / 1e9);
      }
      String name = file.getFileName().toString();
      row(name, "scanner, inflate + parse threads", bytes, twoThreads, rows);
      row(name, "scanner, one thread", bytes, oneThread, rows);
      row(name, "ZipInputStream newline count", bytes, baseline, lines);
      // bench/lib/load.sh names the load average when it is too high for a ratio to be recorded.
      String refused = System.getProperty("bench.ratioRefused", "");
      System.out.printf("| %s | ratio scanner(2 threads) / ZipInputStream | | %s | | |%n", name, refused.isEmpty()
          ? String.format("%.2f", median(twoThreads) / median(baseline)) : "ratio not recorded: " + refused);
    }
  }

  private static JsonObject scan(Path file, String key, boolean inflateThread) {
    ScanLimits defaults = ScanLimits.defaults();
    JsonObject report = new ArchiveScanner(new ScanLimits(defaults.maxUncompressedBytes(), defaults.maxCompressionRatio(),
        defaults.maxLineBytes(), defaults.bufferBytes(), inflateThread)).scan(file, key, () -> false);
    if (!"completed".equals(report.getString("state"))) {
      throw new IllegalStateException("scan failed: " + report.encode());
    }
    return report;
  }

  /** The baseline: inflate with the JDK and count newline bytes, nothing else. */
  private static long newlines(Path file) throws IOException {
    long count = 0;
    byte[] buf = new byte[64 * 1024];
    try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), 64 * 1024);
         ZipInputStream zip = new ZipInputStream(raw)) {
      zip.getNextEntry();
      int n;
      while ((n = zip.read(buf, 0, buf.length)) > 0) {
        for (int i = 0; i < n; i++) {
          if (buf[i] == '\n') {
            count++;
          }
        }
      }
    }
    return count;
  }

  private static void row(String name, String method, long bytes, double[] runs, long rows) {
    StringBuilder all = new StringBuilder();
    for (double r : runs) {
      all.append(all.length() == 0 ? "" : ", ").append(String.format("%.0f", r));
    }
    System.out.printf("| %s | %s | %.0f | %.0f | %s | %d |%n", name, method, bytes / 1e6, median(runs), all, rows);
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }
}
