import dev.vigie.quality.ArchiveScanner;
import dev.vigie.quality.ScanLimits;
import io.vertx.core.json.JsonObject;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The memory proof: scans one archive while a sampler records the heap every 500 ms, then prints the samples,
 * the GC count and the process's peak RSS (VmHWM). Run it with -Xmx64m.
 * Usage: ScanWithHeapSamples ARCHIVE KEY
 */
public final class ScanWithHeapSamples {
  public static void main(String[] args) throws Exception {
    Path file = Path.of(args[0]);
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    long[] samples = new long[4096];
    int[] count = {0};
    Thread sampler = new Thread(() -> {
      while (!Thread.currentThread().isInterrupted() && count[0] < samples.length) {
        samples[count[0]++] = memory.getHeapMemoryUsage().getUsed();
        try {
          Thread.sleep(500);
        } catch (InterruptedException e) {
          return;
        }
      }
    });
    sampler.setDaemon(true);
    sampler.start();
    JsonObject report = new ArchiveScanner(ScanLimits.defaults()).scan(file, args[1], () -> false);
    sampler.interrupt();
    sampler.join();
    System.out.printf("state=%s rows=%d validRows=%d gaps=%d uncompressedMB=%.0f durationS=%.1f MB/s=%.0f%n",
        report.getString("state"), report.getLong("rows"), report.getLong("validRows"),
        report.getJsonObject("gaps").getLong("count"), report.getLong("uncompressedBytes") / 1e6,
        report.getDouble("durationMs") / 1000, report.getDouble("mbPerSecond"));
    System.out.printf("max heap (-Xmx) = %.0f MB%n", memory.getHeapMemoryUsage().getMax() / 1e6);
    StringBuilder line = new StringBuilder("heap used every 500 ms (MB):");
    long min = Long.MAX_VALUE;
    long max = 0;
    for (int i = 0; i < count[0]; i++) {
      line.append(i % 20 == 0 ? "\n  " : " ").append(String.format("%.1f", samples[i] / 1e6));
      min = Math.min(min, samples[i]);
      max = Math.max(max, samples[i]);
    }
    System.out.println(line);
    System.out.printf("samples=%d min=%.1f MB max=%.1f MB%n", count[0], min / 1e6, max / 1e6);
    long collections = 0;
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      collections += gc.getCollectionCount();
      System.out.printf("gc %s: %d collections, %d ms%n", gc.getName(), gc.getCollectionCount(), gc.getCollectionTime());
    }
    for (String l : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (l.startsWith("VmHWM") || l.startsWith("VmRSS")) {
        System.out.println(l.replaceAll("\\s+", " "));
      }
    }
  }
}
