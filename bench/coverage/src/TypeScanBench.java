import dev.vigie.quality.ArchiveScanner;
import dev.vigie.quality.ScanLimits;
import io.vertx.core.json.JsonObject;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.ZipInputStream;

/**
 * The quality side by side per data type, in one JVM: the scanner with the type's own rules against the plain
 * ZipInputStream newline count (the inflate limit), each over ALL the files of a group (a day of bookTicker, or a
 * month of daily BVOLIndex files), so that a small type's per-file cost counts as a user meets it. Both sides under
 * the same conditions: the same files in the same order, in the same rounds (the three methods alternate within a
 * round, the first one changing from round to round), after the same warm-up; one scanner per configuration kept
 * for the whole run, as Vigie keeps one. A group small enough to take under MIN_ROUND_MS is passed over several
 * times per round, the same number of times for every method. The heap used after a full GC is printed per group.
 * A fourth method scans a group as Vigie's quality queue runs it: one scan per core at once ({@code
 * quality.maxConcurrent} 0), each file on the first free thread, through the same scanner.
 * Usage: TypeScanBench ROUNDS LIST (lines "GROUP FILE KEY", as GenerateEveryType prints them)
 */
public final class TypeScanBench {
  private static final long MIN_ROUND_MS = 300;
  private static final long WARM_UP_MS = 2_000;
  private static final String[] METHODS = {"scanner, inflate + parse threads", "scanner, one thread",
      "ZipInputStream newline count", "scanner, one scan per core (the quality queue's default)"};
  private static final int CORES = Runtime.getRuntime().availableProcessors();

  private record Archive(Path file, String key) {
  }

  public static void main(String[] args) throws Exception {
    int rounds = Integer.parseInt(args[0]);
    Map<String, List<Archive>> groups = new LinkedHashMap<>();
    for (String line : Files.readAllLines(Path.of(args[1]))) {
      String[] f = line.trim().split(" ");
      if (f.length == 3) {
        groups.computeIfAbsent(f[0], g -> new ArrayList<>()).add(new Archive(Path.of(f[1]), f[2]));
      }
    }
    ScanLimits defaults = ScanLimits.defaults();
    ArchiveScanner twoThreads = new ArchiveScanner(defaults);
    ArchiveScanner oneThread = new ArchiveScanner(new ScanLimits(defaults.maxUncompressedBytes(),
        defaults.maxCompressionRatio(), defaults.maxLineBytes(), defaults.bufferBytes(), false));
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    ExecutorService queue = Executors.newFixedThreadPool(CORES);
    String refused = System.getProperty("bench.ratioRefused", "");
    System.out.println("| group | files | method | uncompressed MB | MB/s (median of " + rounds + ") | runs MB/s | rows/lines | heap after (MB) |");
    System.out.println("|---|---|---|---|---|---|---|---|");
    for (Map.Entry<String, List<Archive>> group : groups.entrySet()) {
      List<Archive> files = group.getValue();
      long[] bytesAndRows = new long[2];
      // Warm-up: every method over the group until the JIT has had WARM_UP_MS; it also sizes the passes per round.
      long warmStart = System.nanoTime();
      long passNanos = Long.MAX_VALUE;
      int warmPasses = 0;
      while (warmPasses < 2 || System.nanoTime() - warmStart < WARM_UP_MS * 1_000_000) {
        scanAll(twoThreads, files, bytesAndRows);
        scanAll(oneThread, files, bytesAndRows);
        scanConcurrently(queue, twoThreads, files);
        long t0 = System.nanoTime();
        newlinesAll(files);
        passNanos = Math.min(passNanos, System.nanoTime() - t0);
        warmPasses++;
      }
      int passes = (int) Math.max(1, Math.min(1_000, MIN_ROUND_MS * 1_000_000 / Math.max(passNanos, 1)));
      double[][] rates = new double[METHODS.length][rounds];
      long lines = 0;
      for (int r = 0; r < rounds; r++) {
        for (int k = 0; k < METHODS.length; k++) {
          int method = (r + k) % METHODS.length;
          long t0 = System.nanoTime();
          for (int p = 0; p < passes; p++) {
            if (method == 0) {
              scanAll(twoThreads, files, bytesAndRows);
            } else if (method == 1) {
              scanAll(oneThread, files, bytesAndRows);
            } else if (method == 2) {
              lines = newlinesAll(files);
            } else {
              scanConcurrently(queue, twoThreads, files);
            }
          }
          rates[method][r] = (double) bytesAndRows[0] * passes / 1e6 / ((System.nanoTime() - t0) / 1e9);
        }
      }
      System.gc();
      double heapMb = memory.getHeapMemoryUsage().getUsed() / 1e6;
      String name = group.getKey();
      for (int m = 0; m < METHODS.length; m++) {
        row(name, files.size(), METHODS[m], bytesAndRows[0], rates[m], m == 2 ? lines : bytesAndRows[1], heapMb);
      }
      System.out.printf("| %s | %d | ratio scanner(2 threads) / ZipInputStream | | %s | (one thread: %.2f; %d at once: %.2f) | | |%n",
          name, files.size(), refused.isEmpty() ? String.format("%.2f", median(rates[0]) / median(rates[2]))
              : "ratio not recorded: " + refused, median(rates[1]) / median(rates[2]), CORES,
          median(rates[3]) / median(rates[2]));
    }
    queue.shutdown();
  }

  /** The group as the quality queue scans it: {@link #CORES} scans at once, each file on the first free thread. */
  private static void scanConcurrently(ExecutorService queue, ArchiveScanner scanner, List<Archive> files)
      throws Exception {
    List<Future<JsonObject>> reports = new ArrayList<>();
    for (Archive a : files) {
      reports.add(queue.submit(() -> scanner.scan(a.file(), a.key(), () -> false)));
    }
    for (Future<JsonObject> report : reports) {
      if (!"completed".equals(report.get().getString("state"))) {
        throw new IllegalStateException("scan failed: " + report.get().encode());
      }
    }
  }

  /** Scans every file; leaves the group's uncompressed bytes and rows in {@code bytesAndRows}. */
  private static void scanAll(ArchiveScanner scanner, List<Archive> files, long[] bytesAndRows) {
    long bytes = 0;
    long rows = 0;
    for (Archive a : files) {
      JsonObject report = scanner.scan(a.file(), a.key(), () -> false);
      if (!"completed".equals(report.getString("state"))) {
        throw new IllegalStateException("scan failed: " + report.encode());
      }
      bytes += report.getLong("uncompressedBytes");
      rows += report.getLong("rows");
    }
    bytesAndRows[0] = bytes;
    bytesAndRows[1] = rows;
  }

  /** The baseline: inflate each file with the JDK and count newline bytes, nothing else. */
  private static long newlinesAll(List<Archive> files) throws IOException {
    long count = 0;
    for (Archive a : files) {
      byte[] buf = new byte[64 * 1024];
      try (InputStream raw = new BufferedInputStream(Files.newInputStream(a.file()), 64 * 1024);
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
    }
    return count;
  }

  private static void row(String name, int files, String method, long bytes, double[] runs, long rows, double heapMb) {
    StringBuilder all = new StringBuilder();
    for (double r : runs) {
      all.append(all.length() == 0 ? "" : ", ").append(String.format("%.0f", r));
    }
    System.out.printf("| %s | %d | %s | %.1f | %.0f | %s | %d | %.1f |%n", name, files, method, bytes / 1e6, median(runs),
        all, rows, heapMb);
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }
}
