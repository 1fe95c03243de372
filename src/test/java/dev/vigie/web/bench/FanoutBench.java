package dev.vigie.web.bench;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.ClientWebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.SynchronizedHistogram;

/**
 * Websocket fan-out from a real {@code java -jar} Vigie to N clients of {@code /ws}, at its production push rate
 * (one update a second). The clients share one Vert.x instance in this JVM (one event loop per core, twice over);
 * Vigie runs as a child process so its RSS and heap are its own.
 *
 * <p>Per N it prints: clients connected; updates published in the measured window and how many reached every client
 * (each update carries its {@code ts}, so a missing delivery is counted, not guessed); the delivery delay from
 * publish to receipt (both processes read one clock); the monitor's event-loop lag as the system section reports it
 * (its worst drift per second); Vigie's RSS (now and peak) and its heap after a full GC ({@code jcmd}).
 *
 * <p>Usage: {@code FanoutBench JAR CLIENTS [windowSeconds=30] [compression=false]}; extra JVM options for Vigie in
 * {@code -Dfanout.vigieOpts="..."}.
 */
public final class FanoutBench {
  private static final Pattern HEAP_USED = Pattern.compile("used (\\d+)K");
  private static final int CONNECTING_AT_ONCE = 200;
  /** Held for the whole run: an unreferenced client is closed by the garbage collector. */
  private static WebSocketClient wsClient;

  public static void main(String[] args) throws Exception {
    Path jar = Path.of(args[0]).toAbsolutePath();
    int clients = Integer.parseInt(args[1]);
    int windowSeconds = args.length > 2 ? Integer.parseInt(args[2]) : 30;
    boolean compression = args.length > 3 && Boolean.parseBoolean(args[3]);

    int port = freePort();
    Path dir = Files.createTempDirectory("vigie-fanout");
    int room = clients + 64;
    JsonObject conf = new JsonObject()
        .put("http", new JsonObject().put("port", port)
            .put("live", new JsonObject().put("maxConnections", room).put("maxConnectionsPerClient", room)
                .put("compression", compression)))
        .put("dataDir", dir.resolve("data").toString());
    Files.writeString(dir.resolve("fanout.json"), conf.encodePrettily());
    List<String> command = new ArrayList<>(List.of("java"));
    String vigieOpts = System.getProperty("fanout.vigieOpts", "").trim();
    if (!vigieOpts.isEmpty()) {
      command.addAll(List.of(vigieOpts.split("\\s+")));
    }
    command.addAll(List.of("-jar", jar.toString(), "-conf", dir.resolve("fanout.json").toString()));
    Process vigie = new ProcessBuilder(command).directory(dir.toFile())
        .redirectOutput(dir.resolve("vigie.log").toFile()).redirectErrorStream(true).start();
    Vertx clientSide = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2 * Runtime.getRuntime().availableProcessors()));
    try {
      awaitListening(port, vigie);
      long pid = vigie.pid();
      long idleRss = rssKb(pid, "VmRSS");
      long idleHeap = heapAfterGcKb(pid);
      System.out.printf("N=%d: Vigie idle: RSS %d MB, heap after GC %d MB%s%n", clients, idleRss / 1024, idleHeap / 1024,
          compression ? " (websocket compression on)" : "");
      run(clientSide, port, pid, clients, windowSeconds, compression, idleRss);
    } finally {
      clientSide.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      vigie.destroy();
      if (!vigie.waitFor(15, TimeUnit.SECONDS)) {
        vigie.destroyForcibly();
      }
      try (var paths = Files.walk(dir)) {
        paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private static void run(Vertx clientSide, int port, long pid, int clients, int windowSeconds, boolean compression,
      long idleRss) throws Exception {
    wsClient = clientSide.createWebSocketClient(new WebSocketClientOptions().setMaxConnections(clients + 10)
        .setMaxMessageSize(64 * 1024 * 1024).setConnectTimeout(60_000)
        .setTryUsePerMessageCompression(compression).setTryUsePerFrameCompression(compression));
    AtomicInteger snapshots = new AtomicInteger();
    AtomicInteger closed = new AtomicInteger();
    AtomicInteger failed = new AtomicInteger();
    Map<String, AtomicInteger> deliveries = new ConcurrentHashMap<>();
    Histogram delay = new SynchronizedHistogram(TimeUnit.SECONDS.toMillis(60), 3);
    Histogram lag = new SynchronizedHistogram(TimeUnit.SECONDS.toMicros(60), 3);
    Window window = new Window();
    Semaphore connecting = new Semaphore(CONNECTING_AT_ONCE);
    long connectStart = System.nanoTime();
    List<ClientWebSocket> sockets = new ArrayList<>(clients);
    for (int i = 0; i < clients; i++) {
      boolean reportsLag = i == 0;
      ClientWebSocket ws = wsClient.webSocket();
      sockets.add(ws);
      ws.textMessageHandler(text -> {
        // The snapshot frame leads with its type (LiveFeed: one frame built once for every client).
        if (text.startsWith("{\"type\":\"snapshot\"")) {
          snapshots.incrementAndGet();
          return;
        }
        if (!text.endsWith("\"type\":\"update\"}")) {
          return;
        }
        long receivedAt = System.currentTimeMillis();
        String ts = tsOf(text);
        if (ts == null) {
          return;
        }
        Instant published = Instant.parse(ts);
        if (!window.holds(published)) {
          return;
        }
        deliveries.computeIfAbsent(ts, k -> new AtomicInteger()).incrementAndGet();
        delay.recordValue(Math.max(0, receivedAt - published.toEpochMilli()));
        if (reportsLag) {
          Double ms = systemLagMs(new JsonObject(text));
          if (ms != null) {
            lag.recordValue(Math.round(ms * 1000));
          }
        }
      });
      ws.closeHandler(v -> closed.incrementAndGet());
      connecting.acquire();
      ws.connect(new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port).setURI("/ws"))
          .onFailure(e -> {
            if (failed.incrementAndGet() <= 3) {
              System.out.println("  connect failed: " + e);
            }
          })
          .onComplete(ar -> connecting.release());
    }
    connecting.acquire(CONNECTING_AT_ONCE);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (snapshots.get() + failed.get() < clients && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    System.out.printf("  connected %d of %d (%d failed) with their snapshots in %.1f s%n", snapshots.get(), clients,
        failed.get(), (System.nanoTime() - connectStart) / 1e9);

    Thread.sleep(3_000);
    window.open(Instant.now());
    Thread.sleep(TimeUnit.SECONDS.toMillis(windowSeconds));
    window.close(Instant.now());
    long rss = rssKb(pid, "VmRSS");
    long peakRss = rssKb(pid, "VmHWM");
    long heap = heapAfterGcKb(pid);
    // Updates published near the window's end are still on their way.
    Thread.sleep(3_000);

    int updates = deliveries.size();
    long everyone = deliveries.values().stream().filter(n -> n.get() >= snapshots.get()).count();
    long missing = deliveries.values().stream().mapToLong(n -> Math.max(0, snapshots.get() - n.get())).sum();
    System.out.printf("  updates in %d s: %d, delivered to every client: %d, deliveries missing: %d, clients closed: %d%n",
        windowSeconds, updates, everyone, missing, closed.get());
    System.out.printf("  delivery delay publish->client: p50 %d ms, p99 %d ms, max %d ms (%d deliveries)%n",
        delay.getValueAtPercentile(50), delay.getValueAtPercentile(99), delay.getMaxValue(), delay.getTotalCount());
    System.out.printf("  event-loop lag (system section, worst per second): p50 %.1f ms, p99 %.1f ms, max %.1f ms (%d samples)%n",
        lag.getValueAtPercentile(50) / 1000.0, lag.getValueAtPercentile(99) / 1000.0, lag.getMaxValue() / 1000.0,
        lag.getTotalCount());
    System.out.printf("  Vigie RSS %d MB (peak %d MB; %.1f KB per client over idle), heap after GC %d MB%n", rss / 1024,
        peakRss / 1024, clients == 0 ? 0 : (rss - idleRss) / (double) clients, heap / 1024);
    List<Future<Void>> closing = new ArrayList<>();
    sockets.forEach(ws -> closing.add(ws.close()));
    Future.join(closing).toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
  }

  /** The updates counted: those published between open and close. */
  private static final class Window {
    private volatile Instant from = Instant.MAX;
    private volatile Instant to = Instant.MAX;

    void open(Instant at) {
      from = at;
    }

    void close(Instant at) {
      to = at;
    }

    boolean holds(Instant published) {
      return !published.isBefore(from) && published.isBefore(to);
    }
  }

  /** The update's {@code ts}, found without parsing the frame: the clients parse nothing else. */
  private static String tsOf(String text) {
    int at = text.lastIndexOf("\"ts\":\"");
    if (at < 0) {
      return null;
    }
    int end = text.indexOf('"', at + 6);
    return end < 0 ? null : text.substring(at + 6, end);
  }

  private static Double systemLagMs(JsonObject update) {
    JsonArray sections = update.getJsonArray("sections");
    for (int i = 0; sections != null && i < sections.size(); i++) {
      JsonObject section = sections.getJsonObject(i);
      if ("system".equals(section.getString("section"))) {
        for (Object m : section.getJsonArray("metrics", new JsonArray())) {
          JsonObject metric = (JsonObject) m;
          if ("Event-loop lag".equals(metric.getString("label")) && metric.getValue("value") instanceof Number n) {
            return n.doubleValue();
          }
        }
      }
    }
    return null;
  }

  private static void awaitListening(int port, Process vigie) throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      if (!vigie.isAlive()) {
        throw new IllegalStateException("Vigie exited with " + vigie.exitValue());
      }
      try {
        // Any answer will do: /health may say DOWN when the probes cannot reach the internet.
        http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health")).build(),
            HttpResponse.BodyHandlers.discarding());
        return;
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException("Vigie did not answer within 60 s");
  }

  private static long rssKb(long pid, String field) throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
      if (line.startsWith(field + ":")) {
        return Long.parseLong(line.replaceAll("\\D", ""));
      }
    }
    return -1;
  }

  private static long heapAfterGcKb(long pid) throws Exception {
    jcmd(pid, "GC.run");
    Matcher used = HEAP_USED.matcher(jcmd(pid, "GC.heap_info"));
    return used.find() ? Long.parseLong(used.group(1)) : -1;
  }

  private static String jcmd(long pid, String command) throws Exception {
    Process p = new ProcessBuilder("jcmd", String.valueOf(pid), command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor(30, TimeUnit.SECONDS);
    return out;
  }

  private static int freePort() throws IOException {
    try (ServerSocket free = new ServerSocket(0)) {
      return free.getLocalPort();
    }
  }
}
