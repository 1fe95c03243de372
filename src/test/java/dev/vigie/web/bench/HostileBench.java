package dev.vigie.web.bench;

import dev.vigie.config.ConfigLoader;
import dev.vigie.kit.Wait;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.SynchronizedHistogram;

/**
 * Issue #11's hostile-clients benchmark. Vigie runs as an operator runs it ({@code java -jar vigie.jar -conf FILE},
 * defaults for every bound, a token since it listens beyond loopback) in a child JVM, so its heap is measured apart
 * from the clients: heap after a forced GC ({@code jcmd PID GC.run}, read from Vigie's GC log) and RSS.
 *
 * <p>A well-behaved client polls {@code GET /api/snapshot} 20 times a second and holds a {@code /ws} connection; every
 * 200 ms it posts a section carrying a sequence number and times how long until an update frame shows it (or a newer
 * one). It is measured through a baseline, then through an attack by three clients:
 * <ol>
 * <li>a flooder sends {@code {"type":"refresh"}} on {@code /ws} as fast as its write queue drains, reconnecting each
 * time it is closed (1008 expected);
 * <li>a poster sends sections near {@code monitor.sections.maxSectionBytes}, to {@code maxExternal} + 8 names (so
 * some find no free place: 409), every 20th one over the size bound (413), 10 % faster than the per-client rate (429);
 * <li>a holder opens {@code /ws} and {@code /eventbus} connections (alternately, on eight chains at once) until
 * refused, then keeps trying (each chain every 400 ms: 20 times a second), holding what it got: {@code /ws} sockets stop reading; bridge sockets register
 * for updates, stop reading, and ping to stay open.
 * </ol>
 * The attackers run in a JVM of their own ({@link HostileAttackers}), as they would on other machines: in this one,
 * their garbage collections and threads stalled the measuring client's own event loop, and the figures charged that
 * to Vigie. They still share the machine's cores with Vigie and with this client.
 * Every loopback address is one client to Vigie, so the well-behaved client talks from the machine's own non-loopback
 * IPv4 address (its own client: the attack does not spend its rate or its connection quota), the poster and the
 * holder from 127.0.0.2 and 127.0.0.3–10 (one client together), the flooder from the machine's IPv6 address when it
 * has one (so the holder taking the loopback connection quota does not also stop the flood).
 *
 * <p>Heap samples force a full GC, which pauses Vigie, so they are taken between the measured windows: after the
 * baseline and at the end of the attack (the attack still running, the measurement stopped), then after a last window
 * in which the attackers are gone but their sections are still held: what the bigger snapshot alone costs.
 *
 * <p>Usage: {@code HostileBench JAR [baselineSeconds=30] [attackSeconds=60] [warmupSeconds=10]
 * [afterSeconds=15]}.
 */
public final class HostileBench {
  private static final String SECTION = "bench-latency";
  private static final int SNAPSHOTS_PER_SECOND = 20;
  private static final long SECTION_POST_MS = 200;
  /** bench.holdersRead: the holder reads what it is sent instead of stalling (to tell what stalled sockets cost). */
  private static final boolean HOLDERS_READ = Boolean.getBoolean("bench.holdersRead");
  /**
   * bench.attackSettleSeconds: how long the attack runs before its window is measured (0: measured from its first
   * second), to tell its first seconds (connections opened, a cold JIT compiling the attack's paths) from the rest.
   */
  private static final int ATTACK_SETTLE_SECONDS = Integer.getInteger("bench.attackSettleSeconds", 0);
  /** bench.attackers: which attackers run (flood, post, hold; default all), to tell what each one costs. */
  private static final List<String> ATTACKERS = List.of(System.getProperty("bench.attackers", "flood,post,hold").split(","));
  private static final Pattern HANDLER_TIMING = Pattern.compile("handler;dur=([0-9.]+)");
  private static final Pattern SERVED_BUCKET = Pattern.compile(
      "^vigie_snapshot_request_seconds_bucket\\{(?=.*part=\"served\")(?=.*le=\"([^\"]+)\").*} ([0-9.eE+-]+)$");
  private static final Pattern LAG_BUCKET = Pattern.compile(
      "^vigie_web_loop_lag_seconds_bucket\\{(?=.*le=\"([^\"]+)\").*} ([0-9.eE+-]+)$");
  private static final Pattern FORCED_GC = Pattern.compile("Pause Full \\(Diagnostic Command\\) \\d+M->(\\d+)M");

  private final JsonObject defaults = ConfigLoader.defaults();
  private final String token = UUID.randomUUID().toString();
  private final Vertx measuring = Vertx.vertx();
  private int port;
  private BenchTarget target;
  private long pid;
  private Path gcLog;

  // The well-behaved client's figures for the current window; recording only while a window is open.
  private volatile boolean recording;
  private final Histogram snapshotLatency = new SynchronizedHistogram(TimeUnit.SECONDS.toNanos(60), 3);
  private final Histogram updateLatency = new SynchronizedHistogram(TimeUnit.SECONDS.toNanos(60), 3);
  /** Per request of the window: {client latency, Vigie's handler time from its Server-Timing header}, in ns. */
  private final List<long[]> snapshotSplits = Collections.synchronizedList(new ArrayList<>());
  /** When the window being recorded began (System.nanoTime): the slowest requests are placed in it by the second. */
  private volatile long windowStarted;
  /** Vigie's served-time histogram ({@code vigie_snapshot_request_seconds{part="served"}}) over the window. */
  private volatile String servedFigures = "-";
  /** Vigie's web event loop lag ({@code vigie_web_loop_lag_seconds}, a 100 ms tick) over the window. */
  private volatile String lagFigures = "-";
  /** How late the well-behaved client's own 100 ms tick ran: its event loop or its thread waiting for a core. */
  private final Histogram clientLag = new SynchronizedHistogram(TimeUnit.SECONDS.toNanos(60), 3);
  private final AtomicLong snapshotFailures = new AtomicLong();
  private final AtomicLong snapshotBytes = new AtomicLong();
  private final AtomicLong postFailures = new AtomicLong();
  private final Map<Long, Long> postedAt = new ConcurrentHashMap<>();
  private final AtomicLong newestShown = new AtomicLong(-1);
  private final AtomicLong wellBehavedCloses = new AtomicLong();

  /** The attackers' JVM while they run. */
  private Process attackers;

  private record Row(String phase, String cpu, String snapshot, String server, String update, String heap, String rss,
      String attackers) {
  }

  public static void main(String[] args) throws Exception {
    if (args.length < 1) {
      throw new IllegalArgumentException(
          "usage: HostileBench JAR [baselineSeconds] [attackSeconds] [warmupSeconds] [afterSeconds]");
    }
    int baseline = args.length > 1 ? Integer.parseInt(args[1]) : 30;
    int attackSeconds = args.length > 2 ? Integer.parseInt(args[2]) : 60;
    int warmup = args.length > 3 ? Integer.parseInt(args[3]) : 10;
    int after = args.length > 4 ? Integer.parseInt(args[4]) : 15;
    new HostileBench().run(Path.of(args[0]), baseline, attackSeconds, warmup, after);
    System.exit(0);
  }

  private void run(Path jar, int baselineSeconds, int attackSeconds, int warmupSeconds, int afterSeconds)
      throws Exception {
    String ipv4 = ownAddress(Inet4Address.class).orElseThrow(() -> new IllegalStateException(
        "no non-loopback IPv4 address: the well-behaved client needs one to count as a client of its own"));
    String flooderAddress = ownAddress(Inet6Address.class).orElse("127.0.0.2");
    System.out.printf("clients: well-behaved from %s (its own client), poster from 127.0.0.2, holder from "
        + "127.0.0.3-10 (poster and holder: one loopback client), flooder from %s%s%n", ipv4, flooderAddress,
        flooderAddress.startsWith("127.") ? " (no IPv6 address: shares the loopback quota)" : " (its own /64)");
    Process vigie = startVigie(jar);
    try {
      JsonObject live = defaults.getJsonObject("http").getJsonObject("live");
      JsonObject rate = defaults.getJsonObject("http").getJsonObject("rateLimit");
      JsonObject sections = defaults.getJsonObject("monitor").getJsonObject("sections");
      System.out.printf("bounds (defaults): http.live %s; http.rateLimit %s; monitor.sections maxExternal %d, "
          + "maxSectionBytes %d; push interval %d ms%n", live.encode(), rate.encode(), sections.getInteger("maxExternal"),
          sections.getInteger("maxSectionBytes"), defaults.getJsonObject("monitor").getLong("pushIntervalMs"));

      startWellBehaved(ipv4);
      List<Row> rows = new ArrayList<>();
      pause(warmupSeconds);
      long[] start = heapAndRss("start");
      rows.add(new Row("start (after " + warmupSeconds + " s warm-up)", "-", "-", "-", "-", mb(start[0]), mb(start[1]),
          "-"));

      String cpu = window(baselineSeconds);
      long[] before = heapAndRss("baseline");
      rows.add(new Row("baseline " + baselineSeconds + " s", cpu, snapshotFigures(), serverFigures(), updateFigures(), mb(before[0]),
          mb(before[1]), "-"));

      System.out.println("attackers: " + String.join(", ", ATTACKERS) + " (a JVM of their own)");
      attackers = startAttackers(flooderAddress);
      if (ATTACK_SETTLE_SECONDS > 0) {
        System.out.println("attack running " + ATTACK_SETTLE_SECONDS + " s before it is measured");
        pause(ATTACK_SETTLE_SECONDS);
      }
      cpu = window(attackSeconds);
      JsonObject health = health();
      long[] during = heapAndRss("attack");
      String server = serverCounters();
      double attackP99 = snapshotP99();
      rows.add(new Row("attack " + attackSeconds + " s", cpu, snapshotFigures(), serverFigures(), updateFigures(), mb(during[0]),
          mb(during[1]), stopAttackers() + "; held at the end (Vigie's /health): ws " + health.getInteger("clients")
          + ", bridge " + health.getInteger("bridgeClients")));
      // The attackers are gone, their sections stay (until monitor.sections.expireMs): what a snapshot of that size
      // costs the well-behaved client alone.
      pause(2);
      cpu = window(afterSeconds);
      long[] after = heapAndRss("after");
      rows.add(new Row("after the attack, " + afterSeconds + " s (attackers gone, their sections still held)", cpu,
          snapshotFigures(), serverFigures(), updateFigures(), mb(after[0]), mb(after[1]), "-"));

      print(rows);
      System.out.println("Vigie's counters: " + server);
      System.out.printf("well-behaved client: /ws closed by the server %d times; section posts failed (non-200 or "
          + "error) %d times%n", wellBehavedCloses.get(), postFailures.get());
      long growth = during[0] - before[0];
      System.out.printf("goal: snapshot p99 < 50 ms during the attack: %s; heap after GC grew %s (< 64 MB): %s%n",
          verdict(attackP99 < 50), mb(growth), verdict(growth < 64L << 20));
    } finally {
      if (attackers != null) {
        attackers.destroyForcibly();
      }
      vigie.destroy();
      vigie.waitFor(20, TimeUnit.SECONDS);
      Wait.await(measuring.close());
    }
  }

  /** {@code java -jar JAR -conf FILE}: the defaults but for the port, the data directory and the bind address. */
  private Process startVigie(Path jar) throws Exception {
    Path dir = Files.createTempDirectory("vigie-hostile-bench");
    Path conf = dir.resolve("vigie.json");
    // "::" listens on IPv6 and IPv4 (dual stack), so each client may reach it from an address of its own.
    Files.writeString(conf, new JsonObject().put("http", new JsonObject().put("host", "::").put("port", 0))
        .put("dataDir", dir.resolve("data").toString()).encodePrettily());
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    gcLog = dir.resolve("gc.log");
    List<String> command = new ArrayList<>(List.of(java, "-Xlog:gc:file=" + gcLog));
    // bench.vigieJvmArgs: e.g. a JFR recording of Vigie during the run.
    String extra = System.getProperty("bench.vigieJvmArgs", "").trim();
    if (!extra.isEmpty()) {
      command.addAll(List.of(extra.split("\\s+")));
    }
    command.addAll(List.of("-jar", jar.toString(), "-conf", conf.toString()));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put(ConfigLoader.TOKEN_VARIABLE, token);
    Process process = builder.start();
    pid = process.pid();
    CompletableFuture<Integer> started = new CompletableFuture<>();
    Path log = dir.resolve("vigie.log");
    Thread reader = new Thread(() -> {
      try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
          var writer = Files.newBufferedWriter(log)) {
        for (String line = out.readLine(); line != null; line = out.readLine()) {
          writer.write(line);
          writer.newLine();
          if (line.contains("\"vigie_started\"")) {
            started.complete(new JsonObject(line).getJsonObject("context").getInteger("port"));
          }
        }
      } catch (IOException e) {
        started.completeExceptionally(e);
      }
      started.completeExceptionally(new IllegalStateException("Vigie exited before it was ready; see " + log));
    }, "vigie-output");
    reader.setDaemon(true);
    reader.start();
    port = started.get(60, TimeUnit.SECONDS);
    target = new BenchTarget(port, token);
    System.out.printf("Vigie: pid %d, port %d, java -jar %s -conf %s (log %s, GC log %s)%n", pid, port, jar, conf, log,
        dir.resolve("gc.log"));
    return process;
  }

  // ---- the attackers: a JVM of their own (HostileAttackers) ----

  private Process startAttackers(String flooderAddress) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Path out = Path.of(System.getProperty("bench.out", "."), "attackers.log");
    return new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), HostileAttackers.class.getName(),
        String.valueOf(port), token, flooderAddress, String.join(",", ATTACKERS), String.valueOf(HOLDERS_READ))
        .redirectOutput(out.toFile()).redirectError(ProcessBuilder.Redirect.appendTo(out.toFile())).start();
  }

  /** Stops the attackers' JVM; answers their counters. */
  private String stopAttackers() throws Exception {
    Path out = Path.of(System.getProperty("bench.out", "."), "attackers.log");
    attackers.getOutputStream().write('\n');
    attackers.getOutputStream().flush();
    if (!attackers.waitFor(60, TimeUnit.SECONDS)) {
      attackers.destroyForcibly();
      throw new IllegalStateException("the attackers did not stop; see " + out);
    }
    attackers = null;
    JsonObject counts = Files.readAllLines(out).stream().filter(l -> l.startsWith(HostileAttackers.COUNTS))
        .map(l -> new JsonObject(l.substring(HostileAttackers.COUNTS.length()))).findFirst()
        .orElseThrow(() -> new IllegalStateException("no counters from the attackers; see " + out));
    return "flood: " + counts.getString("flood") + "; posts: " + counts.getString("posts") + "; connections: "
        + counts.getString("holds");
  }

  // ---- the well-behaved client ----

  private void startWellBehaved(String address) {
    long[] expected = {System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(100)};
    measuring.setPeriodic(100, id -> {
      long now = System.nanoTime();
      if (recording) {
        clientLag.recordValue(Math.max(0, now - expected[0]));
      }
      expected[0] = now + TimeUnit.MILLISECONDS.toNanos(100);
    });
    HttpClient http = measuring.createHttpClient(new HttpClientOptions().setLocalAddress(address).setKeepAlive(true),
        new PoolOptions().setHttp1MaxSize(8));
    measuring.setPeriodic(1000 / SNAPSHOTS_PER_SECOND, id -> {
      long sent = System.nanoTime();
      long[] handlerNanos = {-1};
      // When the pool handed over a connection and when the response's headers arrived, from `sent`.
      long[] pooled = {-1};
      long[] headers = {-1};
      http.request(target.request(HttpMethod.GET, address, "/api/snapshot")).compose(req -> {
        pooled[0] = System.nanoTime() - sent;
        return req.send().compose(resp -> {
          headers[0] = System.nanoTime() - sent;
          return resp.body().map(body -> {
            snapshotBytes.set(body.length());
            handlerNanos[0] = handlerNanos(resp.getHeader("server-timing"));
            return resp.statusCode();
          });
        });
      }).onComplete(done -> {
        if (recording) {
          long latency = System.nanoTime() - sent;
          snapshotLatency.recordValue(latency);
          snapshotSplits.add(new long[] {latency, handlerNanos[0], pooled[0], headers[0], sent - windowStarted});
          if (done.failed() || done.result() != 200) {
            snapshotFailures.incrementAndGet();
          }
        }
      });
    });
    AtomicLong seq = new AtomicLong();
    measuring.setPeriodic(SECTION_POST_MS, id -> {
      long n = seq.getAndIncrement();
      Buffer body = new JsonObject().put("section", SECTION).put("title", "Hostile bench latency").put("metrics",
          new JsonArray().add(new JsonObject().put("label", "seq").put("value", n).put("status", "good"))).toBuffer();
      postedAt.put(n, System.nanoTime());
      http.request(target.request(HttpMethod.POST, address, "/api/sections")).compose(req -> req
          .putHeader("content-type", "application/json").send(body)
          .compose(resp -> resp.body().map(b -> resp.statusCode()))).onComplete(done -> {
            if (done.failed() || done.result() != 200) {
              postFailures.incrementAndGet();
            }
          });
    });
    WebSocketClient ws = measuring.createWebSocketClient(BenchTarget.wsOptions(address));
    connectWellBehaved(ws, address);
  }

  private void connectWellBehaved(WebSocketClient client, String address) {
    client.connect(target.wsConnect(address, "/ws")).onSuccess(ws -> {
      ws.textMessageHandler(this::onWellBehavedFrame);
      ws.closeHandler(v -> {
        wellBehavedCloses.incrementAndGet();
        connectWellBehaved(client, address);
      });
    }).onFailure(e -> measuring.setTimer(200, id -> connectWellBehaved(client, address)));
  }

  /** Every posted value up to the one an update frame shows is now shown, or superseded: that late. */
  private void onWellBehavedFrame(String text) {
    long now = System.nanoTime();
    if (!text.contains(SECTION) || !text.contains("\"type\":\"update\"")) {
      return;
    }
    for (Object s : new JsonObject(text).getJsonArray("sections", new JsonArray())) {
      JsonObject section = (JsonObject) s;
      if (SECTION.equals(section.getString("section"))) {
        long shown = section.getJsonArray("metrics").getJsonObject(0).getLong("value");
        long before = newestShown.getAndAccumulate(shown, Math::max);
        for (long n = before + 1; n <= shown; n++) {
          Long at = postedAt.remove(n);
          if (at != null && recording) {
            updateLatency.recordValue(now - at);
          }
        }
      }
    }
  }

  // ---- measurement ----

  /** Records the well-behaved client for {@code seconds}; answers the CPU used meanwhile, in cores. */
  private String window(int seconds) throws Exception {
    snapshotLatency.reset();
    snapshotSplits.clear();
    clientLag.reset();
    Map<String, Map<Double, Long>> bucketsBefore = vigieBuckets();
    updateLatency.reset();
    snapshotFailures.set(0);
    long vigieBefore = vigieCpuNanos();
    long benchBefore = benchCpuNanos();
    long started = System.nanoTime();
    windowStarted = started;
    recording = true;
    pause(seconds);
    recording = false;
    double elapsed = System.nanoTime() - started;
    Map<String, Map<Double, Long>> bucketsAfter = vigieBuckets();
    servedFigures = bucketFigures(bucketsBefore.get("served"), bucketsAfter.get("served"));
    lagFigures = bucketFigures(bucketsBefore.get("lag"), bucketsAfter.get("lag"));
    return String.format("%.2f / %.2f", (vigieCpuNanos() - vigieBefore) / elapsed,
        (benchCpuNanos() - benchBefore) / elapsed);
  }

  /** utime + stime of the Vigie process ({@code /proc/PID/stat}, in clock ticks of 10 ms). */
  private long vigieCpuNanos() throws IOException {
    String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10_000_000L;
  }

  /** CPU of the bench's clients: this JVM's (the well-behaved client) and the attackers' while they run. */
  private long benchCpuNanos() {
    long own = ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
        .getOperatingSystemMXBean()).getProcessCpuTime();
    Process running = attackers;
    long theirs = running == null ? 0 : running.info().totalCpuDuration().map(java.time.Duration::toNanos).orElse(0L);
    return own + theirs;
  }

  private double snapshotP99() {
    return snapshotLatency.getValueAtPercentile(99) / 1e6;
  }

  private String snapshotFigures() {
    Histogram h = snapshotLatency;
    return String.format("%.1f / %.1f / %.1f (n %d, failed %d, %d KB each)", h.getValueAtPercentile(50) / 1e6,
        h.getValueAtPercentile(99) / 1e6, h.getMaxValue() / 1e6, h.getTotalCount(), snapshotFailures.get(),
        snapshotBytes.get() / 1024);
  }

  /**
   * The snapshot requests on Vigie's side: its handler time (Server-Timing: from the route's handler until the
   * response began) p50 / p99 / max; the served time (until the last byte was written, from /metrics: the bucket the
   * percentile falls in); and the slowest 1 % of the client's figures split: their median client latency, and
   * Vigie's handler time for the same requests (median, max).
   */
  private String serverFigures() {
    List<long[]> splits;
    synchronized (snapshotSplits) {
      splits = snapshotSplits.stream().filter(r -> r[1] >= 0).sorted((a, b) -> Long.compare(a[0], b[0])).toList();
    }
    if (splits.isEmpty()) {
      return "-";
    }
    long[] handler = splits.stream().mapToLong(r -> r[1]).sorted().toArray();
    int p99 = (int) Math.min(handler.length - 1, Math.ceil(handler.length * 0.99) - 1);
    List<long[]> slowest = splits.subList(Math.min(splits.size() - 1, (int) Math.floor(splits.size() * 0.99)),
        splits.size());
    long[] slowHandler = slowest.stream().mapToLong(r -> r[1]).sorted().toArray();
    long[] slowPooled = slowest.stream().mapToLong(r -> r[2]).sorted().toArray();
    long[] slowHeaders = slowest.stream().mapToLong(r -> r[3]).sorted().toArray();
    return String.format("handler %.1f / %.1f / %.1f; served %s; web loop lag %s; client loop lag %.1f / %.1f / %.1f; "
        + "slowest 1 %% (%d): client %.1f, of which handler %.1f (max %.1f); connection from the pool after %.1f, "
        + "headers after %.1f (medians); sent at second %s of the window",
        ms(handler[handler.length / 2]), ms(handler[p99]), ms(handler[handler.length - 1]),
        servedFigures, lagFigures,
        ms(clientLag.getValueAtPercentile(50)), ms(clientLag.getValueAtPercentile(99)), ms(clientLag.getMaxValue()),
        slowest.size(), ms(slowest.get(slowest.size() / 2)[0]), ms(slowHandler[slowHandler.length / 2]),
        ms(slowHandler[slowHandler.length - 1]), ms(slowPooled[slowPooled.length / 2]),
        ms(slowHeaders[slowHeaders.length / 2]),
        slowest.stream().mapToLong(r -> r[4] / 1_000_000_000L).sorted().mapToObj(Long::toString)
            .collect(java.util.stream.Collectors.joining(" ")));
  }

  private static double ms(long nanos) {
    return nanos / 1e6;
  }

  /** {@code handler;dur=MS} of a Server-Timing header, in ns; -1 without one. */
  static long handlerNanos(String serverTiming) {
    if (serverTiming != null) {
      Matcher m = HANDLER_TIMING.matcher(serverTiming);
      if (m.find()) {
        return (long) (Double.parseDouble(m.group(1)) * 1e6);
      }
    }
    return -1;
  }

  /**
   * Cumulative counts by upper bound (s) of {@code vigie_snapshot_request_seconds_bucket{part="served"}} ("served")
   * and {@code vigie_web_loop_lag_seconds_bucket} ("lag").
   */
  private Map<String, Map<Double, Long>> vigieBuckets() {
    HttpClient http = measuring.createHttpClient();
    Buffer body = Wait.await(http.request(target.request(HttpMethod.GET, "127.0.0.1", "/metrics"))
        .compose(req -> req.send().compose(resp -> resp.body())));
    Map<String, Map<Double, Long>> buckets = Map.of("served", new java.util.TreeMap<>(), "lag", new java.util.TreeMap<>());
    for (String line : body.toString().split("\n")) {
      for (Map.Entry<String, Pattern> series : Map.of("served", SERVED_BUCKET, "lag", LAG_BUCKET).entrySet()) {
        Matcher m = series.getValue().matcher(line);
        if (m.find()) {
          buckets.get(series.getKey()).put(m.group(1).equals("+Inf") ? Double.POSITIVE_INFINITY
              : Double.parseDouble(m.group(1)), (long) Double.parseDouble(m.group(2)));
        }
      }
    }
    return buckets;
  }

  /** p50 and p99 over the window from two cumulative bucket readings: "≤ bound" of the bucket each falls in. */
  private static String bucketFigures(Map<Double, Long> before, Map<Double, Long> after) {
    long total = after.getOrDefault(Double.POSITIVE_INFINITY, 0L) - before.getOrDefault(Double.POSITIVE_INFINITY, 0L);
    if (total <= 0) {
      return "-";
    }
    StringBuilder out = new StringBuilder();
    for (double q : new double[] {0.5, 0.99, 1}) {
      for (Map.Entry<Double, Long> bucket : after.entrySet()) {
        long n = bucket.getValue() - before.getOrDefault(bucket.getKey(), 0L);
        if (n >= Math.ceil(q * total)) {
          out.append(out.isEmpty() ? "" : " / ").append(bucket.getKey().isInfinite() ? "> 5000"
              : String.format("≤ %.0f", bucket.getKey() * 1000));
          break;
        }
      }
    }
    return out + " ms (p50 / p99 / max)";
  }

  private String updateFigures() {
    Histogram h = updateLatency;
    return String.format("%.0f / %.0f (n %d)", h.getValueAtPercentile(50) / 1e6, h.getValueAtPercentile(99) / 1e6,
        h.getTotalCount());
  }

  /** Heap used after a full GC and RSS, in bytes, of the Vigie process. */
  private long[] heapAndRss(String label) throws Exception {
    String gc = jcmd("GC.run");
    if (!gc.contains("Command executed successfully")) {
      throw new IllegalStateException("jcmd " + pid + " GC.run: " + gc);
    }
    // What the heap holds, for a reader who wants to know why it grew (bench.out: bench/hostile/run.sh sets it).
    String out = System.getProperty("bench.out", "");
    if (!out.isEmpty()) {
      Files.writeString(Path.of(out, "histogram-" + label + ".txt"), jcmd("GC.class_histogram"));
    }
    // Read from the GC's own line ("378M->21M"): GC.heap_info, a second jcmd later, would count what the attack
    // allocated in between (100 MB a second or more).
    long heap = -1;
    for (String line : Files.readAllLines(gcLog)) {
      Matcher forced = FORCED_GC.matcher(line);
      if (forced.find()) {
        heap = Long.parseLong(forced.group(1)) << 20;
      }
    }
    long rss = -1;
    for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
      if (line.startsWith("VmRSS:")) {
        rss = Long.parseLong(line.replaceAll("\\D", "")) * 1024;
      }
    }
    return new long[] {heap, rss};
  }

  private String jcmd(String command) throws Exception {
    Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
        String.valueOf(pid), command).redirectErrorStream(true).start();
    String out = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    jcmd.waitFor(30, TimeUnit.SECONDS);
    return out;
  }

  private JsonObject health() {
    HttpClient http = measuring.createHttpClient();
    Buffer body = Wait.await(http.request(HttpMethod.GET, port, "127.0.0.1", "/health")
        .compose(req -> req.send().compose(resp -> resp.body())));
    for (Object check : new JsonObject(body).getJsonArray("checks")) {
      JsonObject c = (JsonObject) check;
      if ("web".equals(c.getString("id"))) {
        return c.getJsonObject("data");
      }
    }
    return new JsonObject();
  }

  /** Vigie's own counts of what it refused ({@code /metrics}). */
  private String serverCounters() {
    HttpClient http = measuring.createHttpClient();
    Buffer body = Wait.await(http.request(target.request(HttpMethod.GET, "127.0.0.1", "/metrics"))
        .compose(req -> req.send().compose(resp -> resp.body())));
    StringBuilder out = new StringBuilder();
    for (String line : body.toString().split("\n")) {
      if (line.matches("vigie_(live|ws|http_rate)\\S*_total(\\{.*})? .*")) {
        out.append(out.isEmpty() ? "" : "; ").append(line);
      }
    }
    return out.toString();
  }

  // ---- helpers ----

  private static Optional<String> ownAddress(Class<? extends InetAddress> family) throws IOException {
    for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
      if (!nic.isUp() || nic.isLoopback()) {
        continue;
      }
      for (InetAddress a : Collections.list(nic.getInetAddresses())) {
        if (family.isInstance(a) && !a.isLoopbackAddress() && !a.isLinkLocalAddress()) {
          return Optional.of(a.getHostAddress().replaceAll("%.*", ""));
        }
      }
    }
    return Optional.empty();
  }

  private static void pause(int seconds) throws InterruptedException {
    Thread.sleep(TimeUnit.SECONDS.toMillis(seconds)); // a benchmark's timed phase, not a test's wait
  }

  private static String mb(long bytes) {
    return bytes < 0 ? "?" : String.format("%.1f MB", bytes / 1048576.0);
  }

  private static String verdict(boolean met) {
    return met ? "met" : "MISSED";
  }

  private static void print(List<Row> rows) {
    System.out.println();
    System.out.println("| phase | CPU, cores: Vigie / bench clients | snapshot p50 / p99 / max ms (client) "
        + "| snapshot on Vigie's side, ms | ws update p50 / p99 ms | heap after GC | RSS | attackers |");
    System.out.println("|---|---|---|---|---|---|---|---|");
    for (Row r : rows) {
      System.out.printf("| %s | %s | %s | %s | %s | %s | %s | %s |%n", r.phase(), r.cpu(), r.snapshot(), r.server(),
          r.update(), r.heap(), r.rss(), r.attackers());
    }
    System.out.println();
  }
}
