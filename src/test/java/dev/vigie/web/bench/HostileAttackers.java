package dev.vigie.web.bench;

import dev.vigie.config.ConfigLoader;
import dev.vigie.kit.Wait;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The hostile bench's attackers, in a JVM of their own ({@link HostileBench} starts it): sharing the measuring
 * client's JVM, their garbage collections and threads stalled the client's own event loop (238 ms once), which the
 * figures then charged to Vigie. Runs the attackers named until a line arrives on stdin, then prints one line,
 * {@value #COUNTS} followed by their counters as JSON, and exits.
 *
 * <p>Usage: {@code HostileAttackers PORT TOKEN FLOODER_ADDRESS ATTACKERS(flood,post,hold) HOLDERS_READ(true|false)}.
 */
public final class HostileAttackers {
  static final String COUNTS = "attackers-counts ";
  private static final String REFRESH = new JsonObject().put("type", "refresh").encode();

  private final JsonObject defaults = ConfigLoader.defaults();
  private final Vertx attacking = Vertx.vertx();
  private final AtomicBoolean attack = new AtomicBoolean(true);
  private final BenchTarget target;
  private final boolean holdersRead;
  private final Counts flood = new Counts();
  private final Counts posts = new Counts();
  private final Counts holds = new Counts();

  private HostileAttackers(BenchTarget target, boolean holdersRead) {
    this.target = target;
    this.holdersRead = holdersRead;
  }

  public static void main(String[] args) throws Exception {
    if (args.length != 5) {
      throw new IllegalArgumentException("usage: HostileAttackers PORT TOKEN FLOODER_ADDRESS ATTACKERS HOLDERS_READ");
    }
    HostileAttackers attackers = new HostileAttackers(new BenchTarget(Integer.parseInt(args[0]), args[1]),
        Boolean.parseBoolean(args[4]));
    attackers.start(args[2], List.of(args[3].split(",")));
    new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
    System.out.println(COUNTS + attackers.stop().encode());
    System.out.flush();
    System.exit(0);
  }

  private void start(String flooderAddress, List<String> which) {
    JsonObject http = defaults.getJsonObject("http");
    if (which.contains("flood")) {
      startFlooder(flooderAddress);
    }
    if (which.contains("post")) {
      startPoster(defaults.getJsonObject("monitor").getJsonObject("sections"), http.getJsonObject("rateLimit"));
    }
    if (which.contains("hold")) {
      startHolder(http.getJsonObject("live"));
    }
  }

  /** Stops every attacker, closes their connections; answers their counters. */
  private JsonObject stop() {
    attack.set(false);
    JsonObject counts = new JsonObject().put("flood", flood.toString()).put("posts", posts.toString())
        .put("holds", holds.toString());
    Wait.await(attacking.close());
    return counts;
  }

  /** Refresh frames as fast as the socket takes them; reconnects whenever it is closed or refused. */
  private void startFlooder(String address) {
    WebSocketClient client = attacking.createWebSocketClient(BenchTarget.wsOptions(address));
    flood(client, address);
  }

  private void flood(WebSocketClient client, String address) {
    if (!attack.get()) {
      return;
    }
    client.connect(target.wsConnect(address, "/ws")).onSuccess(ws -> {
      flood.add("connected");
      ws.textMessageHandler(text -> {
        if (text.contains("RATE_LIMITED")) {
          flood.add("told RATE_LIMITED");
        }
      });
      ws.closeHandler(v -> {
        flood.add("closed " + ws.closeStatusCode());
        flood(client, address);
      });
      send(ws);
    }).onFailure(e -> {
      flood.add("refused " + BenchTarget.status(e));
      attacking.setTimer(100, id -> flood(client, address));
    });
  }

  /** Batches of frames, yielding the event loop in between (so the close that ends the flood is seen). */
  private void send(WebSocket ws) {
    for (int i = 0; i < 64 && attack.get() && !ws.isClosed() && !ws.writeQueueFull(); i++) {
      ws.writeTextMessage(REFRESH);
      flood.add("frames");
    }
    if (!attack.get() || ws.isClosed()) {
      return;
    }
    if (ws.writeQueueFull()) {
      ws.drainHandler(v -> send(ws));
    } else {
      Vertx.currentContext().runOnContext(v -> send(ws));
    }
  }

  /** Sections near the size bound, to more names than there are places, 10 % over the per-client rate. */
  private void startPoster(JsonObject sections, JsonObject rate) {
    int names = sections.getInteger("maxExternal") + 8;
    int maxBytes = sections.getInteger("maxSectionBytes");
    int stringChars = sections.getInteger("maxStringChars");
    int metrics = sections.getInteger("maxMetrics");
    HttpClient http = attacking.createHttpClient(new HttpClientOptions().setLocalAddress("127.0.0.2"),
        new PoolOptions().setHttp1MaxSize(16));
    double perMs = rate.getInteger("requestsPerSecond") * 1.1 / 1000;
    long startedAt = System.nanoTime();
    AtomicLong sent = new AtomicLong();
    attacking.setPeriodic(10, id -> {
      if (!attack.get()) {
        attacking.cancelTimer(id);
        return;
      }
      long due = (long) ((System.nanoTime() - startedAt) / 1e6 * perMs);
      while (sent.get() < due) {
        long n = sent.getAndIncrement();
        boolean oversize = n % 20 == 19;
        Buffer body = hostileSection("hostile-" + (n % names), n, oversize ? maxBytes + 1024 : maxBytes - 512,
            stringChars, metrics).toBuffer();
        http.request(target.request(HttpMethod.POST, "127.0.0.1", "/api/sections")).compose(req -> req
            .putHeader("content-type", "application/json").send(body)
            .compose(resp -> resp.body().map(b -> resp.statusCode()))).onComplete(done -> {
              posts.add(done.succeeded() ? String.valueOf(done.result()) : "failed");
            });
      }
    });
  }

  /** A section of about {@code bytes} encoded: long strings in as many metrics as fit. */
  static JsonObject hostileSection(String name, long n, int bytes, int stringChars, int maxMetrics) {
    String text = "x".repeat(stringChars);
    JsonArray metrics = new JsonArray();
    JsonObject section = new JsonObject().put("section", name).put("title", name).put("metrics", metrics);
    metrics.add(new JsonObject().put("label", "n").put("value", n).put("status", "warning"));
    while (metrics.size() < maxMetrics && section.encode().length() < bytes - 4 * stringChars) {
      metrics.add(new JsonObject().put("label", text).put("value", text).put("unit", text.substring(0, 20))
          .put("hint", text).put("status", "good"));
    }
    int room = bytes - section.encode().length() - 20;
    if (room > 0) {
      metrics.add(new JsonObject().put("label", text).put("value", "y".repeat(Math.min(room, stringChars)))
          .put("status", "good"));
    }
    return section;
  }

  /**
   * Opens /ws and /eventbus alternately on eight chains (one per source address 127.0.0.3-10), each opening its next
   * connection when the last is open or refused, up to the caps and past them; holds what it gets.
   */
  private void startHolder(JsonObject live) {
    for (int i = 3; i <= 10; i++) {
      WebSocketClient client = attacking.createWebSocketClient(BenchTarget.wsOptions("127.0.0." + i)
          .setMaxConnections(live.getInteger("maxConnections") + 64));
      hold(client, i);
    }
  }

  private void hold(WebSocketClient client, long n) {
    if (!attack.get()) {
      return;
    }
    boolean bridge = n % 2 == 1;
    String kind = bridge ? "bridge" : "ws";
    client.connect(target.wsConnect("127.0.0.1", bridge ? "/eventbus/websocket" : "/ws"))
        .onSuccess(ws -> {
          holds.add(kind + " opened");
          ws.closeHandler(v -> holds.add(kind + " closed " + ws.closeStatusCode()));
          if (bridge) {
            ws.writeTextMessage(new JsonObject().put("type", "register").put("address", "vigie.monitor.update").encode());
            long ping = attacking.setPeriodic(5000, id -> ws.writeTextMessage("{\"type\":\"ping\"}"));
            ws.closeHandler(v -> {
              attacking.cancelTimer(ping);
              holds.add(kind + " closed " + ws.closeStatusCode());
            });
          }
          if (holdersRead) {
            ws.handler(frame -> holds.add(kind + " frames read"));
          } else {
            ws.pause();
          }
          hold(client, n + 1);
        }).onFailure(e -> {
          holds.add(kind + " refused " + BenchTarget.status(e));
          attacking.setTimer(400, id -> hold(client, n + 1));
        });
  }

  /** Counters by name, printed in insertion order. */
  static final class Counts {
    private final Map<String, AtomicLong> counts = Collections.synchronizedMap(new java.util.LinkedHashMap<>());

    void add(String what) {
      counts.computeIfAbsent(what, k -> new AtomicLong()).incrementAndGet();
    }

    long get(String what) {
      AtomicLong n = counts.get(what);
      return n == null ? 0 : n.get();
    }

    @Override
    public String toString() {
      StringBuilder out = new StringBuilder();
      synchronized (counts) {
        counts.forEach((k, v) -> out.append(out.isEmpty() ? "" : ", ").append(k).append(' ').append(v.get()));
      }
      return out.toString();
    }
  }
}
