import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ClientWebSocket;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;

/**
 * The soak's load and sampler, against a running {@code --demo}: N websocket clients on {@code /ws}, Refresh All
 * every 10 s (POST /api/probes/run and a {@code refresh} command, as the page's button does), an open stress run
 * every minute; the demo itself keeps downloads flowing. Every 10 s: heap after a full GC ({@code jcmd GC.run},
 * then {@code GC.heap_info}), RSS, threads (/proc/PID/status), open descriptors (/proc/PID/fd), and the event-loop
 * lag Vigie reports in its "system" section (worst delay per one-second sample). Heap after GC is read from Vigie's
 * GC log ({@code -Xlog:gc}: the "after" figure of the full GC that {@code jcmd GC.run} caused), since the heap
 * reported a moment later already holds new allocations. Writes soak.csv and soak.png into OUT_DIR, prints the goal
 * check, exits 1 when a goal is missed.
 * Usage: java -cp target/vigie.jar bench/soak/SoakLoad.java PORT PID MINUTES OUT_DIR VIGIE_LOG GC_LOG [CLIENTS=200]
 */
public class SoakLoad {
  static final long SAMPLE_MS = 10_000;
  static final long REFRESH_MS = 10_000;
  static final long STRESS_MS = 60_000;
  /** Lag samples this close after a forced GC measure the sampler's own System.gc(), not Vigie. */
  static final long GC_SHADOW_MS = 2_500;

  record Sample(double minute, double heapAfterGcMb, double rssMb, int fds, int threads, double lagMaxMs,
      long frames, int openClients, int stressRuns, int refreshes) {
  }

  record Lag(long atMs, double ms, boolean afterForcedGc) {
  }

  // Held in fields: an unreferenced client is closed by the garbage collector mid-request (docs, Vert.x 5.0.8).
  static Vertx vertx;
  static WebSocketClient wsClient;
  static HttpClient http;

  public static void main(String[] args) throws Exception {
    int status = 1;
    try {
      status = args.length > 0 && args[0].equals("--draw") ? redraw(Path.of(args[1])) : run(args);
    } catch (Exception e) {
      e.printStackTrace();
    }
    System.exit(status);
  }

  /** Draws soak.png again from the soak.csv and lag.csv in {@code dir} (when the chart's code changed). */
  static int redraw(Path dir) throws IOException {
    List<Sample> samples = new ArrayList<>();
    List<String> sampleLines = Files.readAllLines(dir.resolve("soak.csv"));
    for (String line : sampleLines.subList(1, sampleLines.size())) {
      String[] f = line.split(",");
      samples.add(new Sample(Double.parseDouble(f[0]), Double.parseDouble(f[1]), Double.parseDouble(f[2]),
          Integer.parseInt(f[3]), Integer.parseInt(f[4]), Double.parseDouble(f[5]), Long.parseLong(f[6]),
          Integer.parseInt(f[7]), Integer.parseInt(f[8]), Integer.parseInt(f[9])));
    }
    List<Lag> lags = new ArrayList<>();
    Path lagCsv = dir.resolve("lag.csv");
    if (Files.exists(lagCsv)) {
      List<String> lagLines = Files.readAllLines(lagCsv);
      for (String line : lagLines.subList(1, lagLines.size())) {
        String[] f = line.split(",");
        lags.add(new Lag(Math.round(Double.parseDouble(f[0]) * 60_000), Double.parseDouble(f[1]), Boolean.parseBoolean(f[2])));
      }
    } else {
      // Older runs kept only the worst lag of each 10-second sample.
      samples.forEach(s -> lags.add(new Lag(Math.round(s.minute() * 60_000), s.lagMaxMs(), false)));
    }
    drawPng(samples, lags, 0, dir.resolve("soak.png"));
    return 0;
  }

  static int run(String[] args) throws Exception {
    int port = Integer.parseInt(args[0]);
    long pid = Long.parseLong(args[1]);
    double minutes = Double.parseDouble(args[2]);
    Path out = Path.of(args[3]);
    Path vigieLog = Path.of(args[4]);
    Path gcLog = Path.of(args[5]);
    int clients = args.length > 6 ? Integer.parseInt(args[6]) : 200;
    vertx = Vertx.vertx();
    wsClient = vertx.createWebSocketClient(new WebSocketClientOptions().setMaxConnections(clients + 10));
    http = vertx.createHttpClient(new HttpClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port));

    long start = System.currentTimeMillis();
    List<Lag> lags = new CopyOnWriteArrayList<>();
    List<Long> forcedGcs = new CopyOnWriteArrayList<>();
    AtomicLong frames = new AtomicLong();
    AtomicInteger open = new AtomicInteger();
    AtomicInteger closedByServer = new AtomicInteger();
    AtomicInteger stressRuns = new AtomicInteger();
    AtomicInteger stressRefused = new AtomicInteger();
    AtomicInteger refreshes = new AtomicInteger();
    AtomicInteger refreshFailures = new AtomicInteger();
    List<ClientWebSocket> sockets = new ArrayList<>();
    for (int i = 0; i < clients; i++) {
      ClientWebSocket ws = wsClient.webSocket();
      boolean reader = i == 0;
      ws.textMessageHandler(text -> {
        frames.incrementAndGet();
        if (reader) {
          systemLag(text).ifPresent(ms -> {
            long now = System.currentTimeMillis();
            boolean shadow = forcedGcs.stream().anyMatch(gc -> now >= gc && now - gc < GC_SHADOW_MS);
            lags.add(new Lag(now, ms, shadow));
          });
        }
      });
      ws.closeHandler(v -> {
        open.decrementAndGet();
        closedByServer.incrementAndGet();
      });
      ws.connect(new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port).setURI("/ws"))
          .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      open.incrementAndGet();
      sockets.add(ws);
    }
    System.out.printf("%d websocket clients connected%n", open.get());

    vertx.setPeriodic(REFRESH_MS, id -> {
      refreshes.incrementAndGet();
      request(HttpMethod.POST, "/api/probes/run", null).onComplete(ar -> {
        if (ar.failed() || ar.result() != 200) {
          refreshFailures.incrementAndGet();
        }
      });
      sockets.get(0).writeTextMessage("{\"type\":\"refresh\"}");
    });
    vertx.setTimer(STRESS_MS / 2, first -> {
      Runnable stress = () -> request(HttpMethod.POST, "/api/stress",
          new JsonObject().put("plan", "open").put("rate", 100).put("durationMs", 10_000).put("connections", 8))
          .onComplete(ar -> (ar.succeeded() && ar.result() == 200 ? stressRuns : stressRefused).incrementAndGet());
      stress.run();
      vertx.setPeriodic(STRESS_MS, id -> stress.run());
    });

    List<Sample> samples = new ArrayList<>();
    long end = start + (long) (minutes * 60_000);
    long next = start + SAMPLE_MS;
    while (next <= end) {
      Thread.sleep(Math.max(0, next - System.currentTimeMillis()));
      if (!ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
        System.out.println("Vigie (pid " + pid + ") is gone");
        break;
      }
      forcedGcs.add(System.currentTimeMillis());
      jcmd(pid, "GC.run");
      double heap = heapAfterForcedGcMb(gcLog);
      String status = Files.readString(Path.of("/proc/" + pid + "/status"));
      int fds;
      try (var list = Files.list(Path.of("/proc/" + pid + "/fd"))) {
        fds = (int) list.count();
      }
      long windowStart = next - SAMPLE_MS;
      double lagMax = lags.stream().filter(l -> l.atMs() >= windowStart && !l.afterForcedGc())
          .mapToDouble(Lag::ms).max().orElse(Double.NaN);
      Sample s = new Sample((next - start) / 60_000.0, heap, field(status, "VmRSS") / 1024.0, fds,
          (int) field(status, "Threads"), lagMax, frames.get(), open.get(), stressRuns.get(), refreshes.get());
      samples.add(s);
      System.out.printf(Locale.ROOT, "t=%5.1f min heapAfterGC=%.1f MB rss=%.0f MB fds=%d threads=%d lagMax=%.1f ms frames=%d clients=%d stress=%d refresh=%d%n",
          s.minute(), s.heapAfterGcMb(), s.rssMb(), s.fds(), s.threads(), s.lagMaxMs(), s.frames(), s.openClients(),
          s.stressRuns(), s.refreshes());
      next += SAMPLE_MS;
    }
    int stillOpen = open.get();
    int droppedByServer = closedByServer.get();
    sockets.forEach(ws -> ws.close());

    Files.createDirectories(out);
    try (PrintWriter csv = new PrintWriter(Files.newBufferedWriter(out.resolve("soak.csv")))) {
      csv.println("minute,heap_after_gc_mb,rss_mb,fds,threads,lag_max_ms,ws_frames,ws_clients,stress_runs,refreshes");
      for (Sample s : samples) {
        csv.printf(Locale.ROOT, "%.2f,%.1f,%.1f,%d,%d,%.1f,%d,%d,%d,%d%n", s.minute(), s.heapAfterGcMb(), s.rssMb(),
            s.fds(), s.threads(), s.lagMaxMs(), s.frames(), s.openClients(), s.stressRuns(), s.refreshes());
      }
    }
    try (PrintWriter csv = new PrintWriter(Files.newBufferedWriter(out.resolve("lag.csv")))) {
      csv.println("minute,lag_ms,after_forced_gc");
      for (Lag l : lags) {
        csv.printf(Locale.ROOT, "%.4f,%.1f,%b%n", (l.atMs() - start) / 60_000.0, l.ms(), l.afterForcedGc());
      }
    }
    drawPng(samples, lags, start, out.resolve("soak.png"));

    // The goal check.
    if (samples.size() < 2) {
      System.out.println("GOAL: not enough samples");
      return 1;
    }
    double refMinute = Math.min(5.0, samples.get(samples.size() - 1).minute() / 2);
    Sample ref = samples.stream().min((a, b) -> Double.compare(Math.abs(a.minute() - refMinute), Math.abs(b.minute() - refMinute))).get();
    Sample last = samples.get(samples.size() - 1);
    boolean ok = true;
    System.out.printf(Locale.ROOT, "reference sample: minute %.1f%s; last: minute %.1f%n", ref.minute(),
        refMinute < 5 ? " (run shorter than 10 min: half-way instead of minute 5)" : "", last.minute());
    ok &= flat("heap after GC (MB)", ref.heapAfterGcMb(), last.heapAfterGcMb());
    ok &= flat("open descriptors", ref.fds(), last.fds());
    ok &= flat("threads", ref.threads(), last.threads());
    System.out.printf(Locale.ROOT, "RSS (MB): minute-ref %.0f, last %.0f (reported, not a goal)%n", ref.rssMb(), last.rssMb());
    // Warm-up (the JIT, 200 clients connecting) ends at the reference minute, as for the flatness goals.
    long warmEnd = start + (long) (ref.minute() * 60_000);
    double[] steady = lags.stream().filter(l -> !l.afterForcedGc() && l.atMs() >= warmEnd).mapToDouble(Lag::ms).sorted().toArray();
    double p99 = percentile(steady, 99);
    double p99All = percentile(lags.stream().filter(l -> !l.afterForcedGc()).mapToDouble(Lag::ms).sorted().toArray(), 99);
    double p99WithGc = percentile(lags.stream().mapToDouble(Lag::ms).sorted().toArray(), 99);
    boolean lagOk = p99 < 20;
    ok &= lagOk;
    System.out.printf(Locale.ROOT, "%s event-loop lag p99 = %.1f ms over the %d one-second samples from minute %.1f on (goal < 20 ms); "
        + "%.1f ms from the start (warm-up included); %.1f ms counting the %d samples right after the sampler's forced GCs%n",
        lagOk ? "PASS" : "FAIL", p99, steady.length, ref.minute(), p99All, p99WithGc,
        lags.stream().filter(Lag::afterForcedGc).count());
    long errors;
    try (var lines = Files.lines(vigieLog)) {
      errors = lines.filter(l -> l.contains("\"level\":\"error\"")).count();
    }
    ok &= errors == 0;
    System.out.printf("%s error lines in Vigie's log: %d%n", errors == 0 ? "PASS" : "FAIL", errors);
    System.out.printf("websocket: %d clients still open, %d closed by the server, %d frames; Refresh All %d times (%d failed); stress runs %d (%d refused)%n",
        stillOpen, droppedByServer, frames.get(),
        refreshes.get(), refreshFailures.get(), stressRuns.get(), stressRefused.get());
    System.out.println(ok ? "GOAL MET" : "GOAL MISSED");
    return ok ? 0 : 1;
  }

  static io.vertx.core.Future<Integer> request(HttpMethod method, String uri, JsonObject body) {
    return http.request(new RequestOptions().setMethod(method).setURI(uri).setTimeout(60_000)
            .putHeader("content-type", "application/json"))
        .compose(req -> req.send(body == null ? Buffer.buffer() : body.toBuffer())
            .compose(resp -> resp.body().map(b -> resp.statusCode())));
  }

  /** The "Event-loop lag" metric of a frame's "system" section, if it carries one. */
  static java.util.Optional<Double> systemLag(String text) {
    if (!text.contains("Event-loop lag")) {
      return java.util.Optional.empty();
    }
    JsonObject frame = new JsonObject(text);
    JsonArray sections = frame.getJsonArray("sections");
    if (sections == null) {
      return java.util.Optional.empty();
    }
    for (Object o : sections) {
      JsonObject section = (JsonObject) o;
      if ("system".equals(section.getString("section"))) {
        for (Object m : section.getJsonArray("metrics")) {
          JsonObject metric = (JsonObject) m;
          if ("Event-loop lag".equals(metric.getString("label")) && metric.getValue("value") instanceof Number n) {
            return java.util.Optional.of(n.doubleValue());
          }
        }
      }
    }
    return java.util.Optional.empty();
  }

  static String jcmd(long pid, String command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder("jcmd", String.valueOf(pid), command).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes());
    p.waitFor(60, TimeUnit.SECONDS);
    return output;
  }

  /** The heap after the last full GC that System.gc() caused, from a {@code -Xlog:gc} line "... 45M->16M(64M) ...". */
  static double heapAfterForcedGcMb(Path gcLog) throws IOException {
    Pattern full = Pattern.compile("Pause Full \\((?:System.gc\\(\\)|Diagnostic Command)\\) (\\d+)M->(\\d+)M");
    double after = Double.NaN;
    for (String line : Files.readAllLines(gcLog)) {
      Matcher m = full.matcher(line);
      if (m.find()) {
        after = Double.parseDouble(m.group(2));
      }
    }
    return after;
  }

  /** A numeric field of /proc/PID/status (kB for sizes). */
  static long field(String status, String name) {
    Matcher m = Pattern.compile("(?m)^" + name + ":\\s+(\\d+)").matcher(status);
    return m.find() ? Long.parseLong(m.group(1)) : -1;
  }

  static boolean flat(String what, double ref, double last) {
    double change = ref == 0 ? 0 : (last - ref) / ref * 100;
    boolean ok = Math.abs(change) <= 10;
    System.out.printf(Locale.ROOT, "%s %s: reference %.1f, last %.1f (%+.1f %%, goal within 10 %%)%n", ok ? "PASS" : "FAIL",
        what, ref, last, change);
    return ok;
  }

  static double percentile(double[] sorted, double p) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    int rank = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank))];
  }

  /** Four panels over time: heap after GC and RSS, descriptors, threads, event-loop lag. */
  static void drawPng(List<Sample> samples, List<Lag> lags, long start, Path file) throws IOException {
    int width = 1000;
    int panel = 200;
    int top = 40;
    int left = 70;
    int right = 20;
    String[] titles = {"Heap after GC / RSS (MB)", "Open file descriptors", "Threads", "Event-loop lag, worst per second (ms)"};
    BufferedImage image = new BufferedImage(width, top + 4 * (panel + 40), BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, image.getWidth(), image.getHeight());
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
    g.setColor(Color.BLACK);
    double minutes = samples.isEmpty() ? 1 : Math.max(1, samples.get(samples.size() - 1).minute());
    g.drawString(String.format(Locale.ROOT, "Vigie --demo soak: %.0f min, %d samples", minutes, samples.size()), left, 22);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
    for (int p = 0; p < 4; p++) {
      int y0 = top + p * (panel + 40) + 20;
      List<double[]> series1 = new ArrayList<>();
      List<double[]> series2 = new ArrayList<>();
      for (Sample s : samples) {
        switch (p) {
          case 0 -> {
            series1.add(new double[] {s.minute(), s.heapAfterGcMb()});
            series2.add(new double[] {s.minute(), s.rssMb()});
          }
          case 1 -> series1.add(new double[] {s.minute(), s.fds()});
          case 2 -> series1.add(new double[] {s.minute(), s.threads()});
          default -> { }
        }
      }
      if (p == 3) {
        for (Lag l : lags) {
          (l.afterForcedGc() ? series2 : series1).add(new double[] {(l.atMs() - start) / 60_000.0, l.ms()});
        }
      }
      // A sample without a reading (the first GC log line not written yet) is NaN: left out of the scale.
      double max = 1;
      for (double[] v : series1) {
        max = Double.isNaN(v[1]) ? max : Math.max(max, v[1]);
      }
      for (double[] v : series2) {
        max = Double.isNaN(v[1]) ? max : Math.max(max, v[1]);
      }
      max = niceCeiling(max * 1.1);
      g.setColor(Color.BLACK);
      g.drawString(titles[p], left, y0 - 6);
      g.setColor(new Color(230, 230, 230));
      for (int t = 0; t <= 4; t++) {
        int y = y0 + panel - t * panel / 4;
        g.drawLine(left, y, width - right, y);
        g.setColor(Color.DARK_GRAY);
        g.drawString(String.format(Locale.ROOT, "%.0f", max * t / 4), 8, y + 4);
        g.setColor(new Color(230, 230, 230));
      }
      g.setColor(Color.DARK_GRAY);
      g.drawRect(left, y0, width - left - right, panel);
      int ticks = (int) Math.min(10, Math.ceil(minutes));
      for (int t = 0; t <= ticks; t++) {
        double minute = minutes * t / ticks;
        int x = left + (int) ((width - left - right) * minute / minutes);
        g.drawString(String.format(Locale.ROOT, "%.0f", minute), x - 4, y0 + panel + 14);
      }
      if (p == 3) {
        g.drawString("grey: seconds right after the sampler's forced GC; red line: the 20 ms goal; x: minutes", left + 330, y0 - 6);
        int y = y0 + panel - (int) (panel * 20 / max);
        if (20 <= max) {
          g.setColor(Color.RED);
          g.drawLine(left, y, width - right, y);
        }
      }
      boolean dots = p == 3;
      plot(g, series1, dots ? new Color(30, 90, 200) : new Color(30, 90, 200), left, y0, width - left - right, panel, minutes, max, dots);
      plot(g, series2, dots ? Color.GRAY : new Color(220, 120, 20), left, y0, width - left - right, panel, minutes, max, dots);
      if (p == 0) {
        g.setColor(new Color(30, 90, 200));
        g.drawString("heap after GC", width - 220, y0 + 14);
        g.setColor(new Color(220, 120, 20));
        g.drawString("RSS", width - 120, y0 + 14);
      }
    }
    g.dispose();
    ImageIO.write(image, "png", file.toFile());
  }

  static void plot(Graphics2D g, List<double[]> points, Color color, int left, int top, int w, int h, double maxX,
      double maxY, boolean dots) {
    g.setColor(color);
    g.setStroke(new BasicStroke(1.8f));
    int px = -1;
    int py = -1;
    for (double[] v : points) {
      if (Double.isNaN(v[1])) {
        continue;
      }
      int x = left + (int) (w * v[0] / maxX);
      int y = top + h - (int) (h * Math.min(v[1], maxY) / maxY);
      if (dots) {
        g.fillOval(x - 1, y - 1, 3, 3);
      } else if (px >= 0) {
        g.drawLine(px, py, x, y);
      }
      px = x;
      py = y;
    }
    g.setStroke(new BasicStroke(1f));
  }

  static double niceCeiling(double v) {
    double magnitude = Math.pow(10, Math.floor(Math.log10(v)));
    for (double step : new double[] {1, 2, 2.5, 5, 10}) {
      if (step * magnitude >= v) {
        return step * magnitude;
      }
    }
    return 10 * magnitude;
  }
}
