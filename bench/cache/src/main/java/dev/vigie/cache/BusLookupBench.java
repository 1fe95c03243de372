package dev.vigie.cache;

import dev.vigie.bus.CacheBus;
import dev.vigie.config.ConfigLoader;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * Existence check through the event bus: a caller verticle (as the downloader is) sends {@code CacheBus.LOOKUP} and
 * waits for the reply before the next one, on a cache holding {@code entries} archives. Prints the HdrHistogram
 * percentile distribution in microseconds. Goal: p99 < 1 ms.
 * <p>Arguments: {@code [entries=10000] [lookups=200000] [warmup=50000]}.
 */
public final class BusLookupBench {
  private BusLookupBench() {
  }

  public static void main(String[] args) throws Exception {
    int entries = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
    int lookups = args.length > 1 ? Integer.parseInt(args[1]) : 200_000;
    int warmup = args.length > 2 ? Integer.parseInt(args[2]) : 50_000;
    Path dataDir = Files.createTempDirectory("vigie-cache-bench");
    List<String> keys = seed(dataDir, entries);

    Vertx vertx = Vertx.vertx();
    JsonObject config = ConfigLoader.defaults().put("dataDir", dataDir.toString());
    config.getJsonObject("cache").put("sweepAtStart", false);
    vertx.deployVerticle(new CacheVerticle(), new DeploymentOptions().setConfig(config)).await(60, TimeUnit.SECONDS);

    Histogram histogram = new Histogram(TimeUnit.SECONDS.toNanos(10), 3);
    Caller caller = new Caller(keys, warmup, lookups, histogram);
    vertx.deployVerticle(caller).await(10, TimeUnit.SECONDS);
    caller.done.future().await(10, TimeUnit.MINUTES);
    vertx.close().await(30, TimeUnit.SECONDS);

    System.out.printf("entries=%d lookups=%d (hits and misses alternate) warmup=%d%n", entries, lookups, warmup);
    System.out.printf("p50=%.1f us p90=%.1f us p99=%.1f us p99.9=%.1f us max=%.1f us mean=%.1f us%n",
        histogram.getValueAtPercentile(50) / 1e3, histogram.getValueAtPercentile(90) / 1e3,
        histogram.getValueAtPercentile(99) / 1e3, histogram.getValueAtPercentile(99.9) / 1e3,
        histogram.getMaxValue() / 1e3, histogram.getMean() / 1e3);
    histogram.outputPercentileDistribution(System.out, 1000.0);
  }

  /** Writes an index file and tiny archive files, so the cache starts with {@code entries} archives. */
  private static List<String> seed(Path dataDir, int entries) throws Exception {
    List<String> keys = new ArrayList<>();
    List<ArchiveEntry> index = new ArrayList<>();
    java.time.LocalDate day = java.time.LocalDate.of(2017, 8, 17);
    byte[] body = "PK bench".getBytes();
    String sha = ArchiveDisk.sha256(Files.write(Files.createTempFile("bench", ".zip"), body));
    for (int i = 0; i < entries; i++) {
      String symbol = "SYM" + (i / 3000) + "USDT";
      String key = "data/spot/daily/klines/" + symbol + "/1m/" + symbol + "-1m-" + day.plusDays(i % 3000) + ".zip";
      Path file = dataDir.resolve("archives").resolve(key);
      Files.createDirectories(file.getParent());
      Files.write(file, body);
      keys.add(key);
      index.add(new ArchiveEntry(key, body.length, sha, Files.getLastModifiedTime(file).toMillis(), 0));
    }
    IndexFile.write(dataDir.resolve("archive-index.json"), index);
    return keys;
  }

  /** Sends one lookup at a time from its own event loop and records each round trip. */
  private static final class Caller extends VerticleBase {
    private final List<String> keys;
    private final int warmup;
    private final int lookups;
    private final Histogram histogram;
    private final Promise<Void> done = Promise.promise();
    private int sent;

    Caller(List<String> keys, int warmup, int lookups, Histogram histogram) {
      this.keys = keys;
      this.warmup = warmup;
      this.lookups = lookups;
      this.histogram = histogram;
    }

    @Override
    public Future<?> start() {
      vertx.runOnContext(v -> next());
      return Future.succeededFuture();
    }

    private void next() {
      if (sent == warmup + lookups) {
        done.complete();
        return;
      }
      int i = sent++;
      String key = i % 2 == 0 ? keys.get((i / 2) % keys.size()) : "data/spot/daily/klines/NOPEUSDT/1m/NOPEUSDT-1m-" + i + ".zip";
      long start = System.nanoTime();
      vertx.eventBus().request(CacheBus.LOOKUP, new JsonObject().put("key", key)).onComplete(ar -> {
        if (i >= warmup) {
          histogram.recordValue(System.nanoTime() - start);
        }
        if (ar.failed()) {
          done.tryFail(ar.cause());
        } else {
          next();
        }
      });
    }
  }
}
