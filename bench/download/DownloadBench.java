import dev.vigie.bus.CacheBus;
import dev.vigie.bus.DownloadBus;
import dev.vigie.config.ConfigLoader;
import dev.vigie.download.DownloadVerticle;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Side by side, in one run: Vigie's verified download (CHECKSUM, streamed to disk with SHA-256 in the same pass,
 * handed to the cache) against {@code curl | tee | openssl dgst -sha256} and plain {@code curl -o}, alternating.
 * Usage: java [-Dwarmup=2] -cp target/vigie.jar bench/download/DownloadBench.java BASE_URL WORK_DIR RUNS
 */
public class DownloadBench {
  static final int WARMUP = Integer.getInteger("warmup", 2);
  static final String KEY = "data/spot/monthly/trades/BTCUSDT/BTCUSDT-trades-2024-01.zip";

  public static void main(String[] args) {
    int status = 0;
    try {
      bench(args);
    } catch (Exception e) {
      e.printStackTrace();
      status = 1;
    }
    // Vert.x threads would otherwise keep a failed run alive.
    System.exit(status);
  }

  static void bench(String[] args) throws Exception {
    String base = args[0];
    Path work = Path.of(args[1]);
    int runs = Integer.parseInt(args[2]);
    Path data = work.resolve("vigie-data");
    // As Vigie runs by default (nativeTransport: true): epoll where the platform has it.
    Vertx vertx = Vertx.vertx(new VertxOptions().setPreferNativeTransport(true));
    JsonObject config = ConfigLoader.defaults();
    config.put("dataDir", data.toString());
    config.getJsonObject("source").put("baseUrl", base);
    DeploymentOptions options = new DeploymentOptions().setConfig(config);
    // Stand-in for the cache verticle: it moves the verified file under archives/, as the real one does (a rename).
    vertx.eventBus().<JsonObject>consumer(CacheBus.LOOKUP, msg -> msg.reply(new JsonObject().put("hit", false)));
    vertx.eventBus().<JsonObject>consumer(CacheBus.PUT, msg -> vertx.executeBlocking(() -> {
      Path target = data.resolve("archives").resolve(msg.body().getString("key"));
      Files.createDirectories(target.getParent());
      Files.move(Path.of(msg.body().getString("file")), target, StandardCopyOption.REPLACE_EXISTING);
      return target.toString();
    }, false).onComplete(ar -> msg.reply(new JsonObject().put("path", ar.result()))));
    vertx.deployVerticle(new DownloadVerticle(), options).await(30, TimeUnit.SECONDS);

    long size = Long.parseLong(run("curl -sI " + base + "/" + KEY + " | tr -d '\\r' | awk 'tolower($1)==\"content-length:\" {print $2}'").trim());
    String expected = run("curl -s " + base + "/" + KEY + ".CHECKSUM | cut -d' ' -f1").trim();
    System.out.printf("file: %s (%.1f MB), sha256 %s%n", KEY, size / 1e6, expected);

    List<Long> vigie = new ArrayList<>();
    List<Long> tee = new ArrayList<>();
    List<Long> curl = new ArrayList<>();
    // The first downloads run while the JIT compiles the transfer path; a server is warm, so they are shown apart.
    for (int w = 0; w < WARMUP; w++) {
      System.out.printf("warm-up %d (not counted): vigie %d ms%n", w + 1, vigieOnce(vertx, data, expected));
    }
    for (int i = 0; i < runs; i++) {
      long vigieMs = vigieOnce(vertx, data, expected);
      vigie.add(vigieMs);

      settle();
      long t0 = System.nanoTime();
      String sum = run("curl -s " + base + "/" + KEY + " | tee " + work.resolve("tee.zip") + " | openssl dgst -sha256");
      tee.add((System.nanoTime() - t0) / 1_000_000);
      if (!sum.contains(expected)) {
        throw new IllegalStateException("openssl digest differs: " + sum);
      }
      settle();
      long t1 = System.nanoTime();
      run("curl -s -o " + work.resolve("curl.zip") + " " + base + "/" + KEY);
      curl.add((System.nanoTime() - t1) / 1_000_000);
      Files.deleteIfExists(work.resolve("tee.zip"));
      Files.deleteIfExists(work.resolve("curl.zip"));
      System.out.printf("run %d: vigie %d ms, curl|tee|openssl %d ms, curl -o %d ms%n", i + 1, vigieMs,
          tee.get(i), curl.get(i));
    }
    long v = median(vigie);
    long t = median(tee);
    long c = median(curl);
    System.out.printf("median of %d: vigie %d ms (%.0f MB/s), curl|tee|openssl %d ms (%.0f MB/s), curl -o %d ms (%.0f MB/s)%n",
        runs, v, size / 1e3 / v, t, size / 1e3 / t, c, size / 1e3 / c);
    ratio("ratio vs curl|tee|openssl (goal >= 1.0)", (double) t / v);
    ratio("ratio vs curl -o          (goal >= 0.9)", (double) c / v);
    vertx.close().await(30, TimeUnit.SECONDS);
  }

  static long vigieOnce(Vertx vertx, Path data, String expected) throws Exception {
    CompletableFuture<JsonObject> done = new CompletableFuture<>();
    var consumer = vertx.eventBus().<JsonObject>consumer(DownloadBus.DONE, m -> done.complete(m.body()));
    var failedConsumer = vertx.eventBus().<JsonObject>consumer(DownloadBus.FAILED, m -> done.completeExceptionally(
        new IllegalStateException(m.body().encode())));
    settle();
    long start = System.nanoTime();
    vertx.eventBus().request(DownloadBus.REQUEST, new JsonObject().put("market", "spot").put("period", "monthly")
        .put("dataType", "trades").put("symbol", "BTCUSDT").put("date", "2024-01").put("force", true))
        .await(30, TimeUnit.SECONDS);
    JsonObject result = done.get(10, TimeUnit.MINUTES);
    long vigieMs = (System.nanoTime() - start) / 1_000_000;
    consumer.unregister().await();
    failedConsumer.unregister().await();
    if (!result.getString("sha256").equals(expected)) {
      throw new IllegalStateException("Vigie's digest differs: " + result.encode());
    }
    Files.deleteIfExists(data.resolve("archives").resolve(KEY));
    return vigieMs;
  }

  /**
   * Writes what the previous download left in the page cache to disk before the next one starts, outside its time:
   * otherwise the kernel's writeback of ~700 MB lands in whichever download comes next (curl -o measured 0.3 s or
   * 2.6 s by turns without it).
   */
  static void settle() throws Exception {
    run("sync");
  }

  /** Prints a ratio, unless bench/lib/load.sh found the machine too loaded to record one (-Dbench.ratioRefused). */
  static void ratio(String label, double value) {
    String refused = System.getProperty("bench.ratioRefused", "");
    System.out.println(refused.isEmpty() ? String.format("%s: %.2f", label, value)
        : label + ": ratio not recorded: " + refused);
  }

  static long median(List<Long> values) {
    List<Long> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return sorted.get(sorted.size() / 2);
  }

  static String run(String command) throws Exception {
    Process p = new ProcessBuilder("bash", "-o", "pipefail", "-c", command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    if (p.waitFor() != 0) {
      throw new IllegalStateException(command + " failed: " + out);
    }
    return out;
  }
}
