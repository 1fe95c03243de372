package dev.vigie.demo;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The demo's sample backend ({@code demo.backend}): the product's API endpoints with plausible bodies and
 * timestamps of every kind (epoch seconds, epoch milliseconds, ISO-8601), answering after {@code latencyMs} plus up
 * to {@code jitterMs}, and failing with 500 at {@code errorRate} (0 to 1).
 */
public final class SampleBackendVerticle extends VerticleBase {
  static final List<String> INDICATORS = List.of("fear_greed", "mvrv", "nupl", "puell_multiple", "sopr", "rhodl",
      "reserve_risk", "pi_cycle_top", "stock_to_flow", "hash_ribbons", "nvt", "nvts", "rsi_weekly", "rsi_monthly",
      "realized_price", "thermocap", "coin_days_destroyed", "exchange_netflow", "funding_rate", "open_interest",
      "long_short_ratio", "btc_dominance", "eth_btc", "stablecoin_ratio", "miner_outflow", "active_addresses",
      "hash_rate", "difficulty", "mayer_multiple", "golden_ratio", "two_year_ma", "altseason_index");

  private HttpServer server;
  private String host;
  private long latencyMs;
  private long jitterMs;
  private double errorRate;

  @Override
  public Future<?> start() {
    JsonObject backend = config().getJsonObject("demo").getJsonObject("backend");
    latencyMs = backend.getLong("latencyMs");
    jitterMs = backend.getLong("jitterMs");
    errorRate = backend.getDouble("errorRate");
    if (latencyMs < 0 || jitterMs < 0 || errorRate < 0 || errorRate > 1) {
      return Future.failedFuture(new IllegalArgumentException(
          "demo.backend: latencyMs and jitterMs must be at least 0, errorRate between 0 and 1"));
    }
    Router router = Router.router(vertx);
    router.get("/portfolio/metrics").handler(ctx -> answer(ctx, this::portfolio));
    router.get("/balances/current").handler(ctx -> answer(ctx, this::balances));
    router.get("/api/ml/status").handler(ctx -> answer(ctx, this::mlStatus));
    router.get("/api/indicators").handler(ctx -> answer(ctx, this::indicators));
    server = vertx.createHttpServer().requestHandler(router);
    host = backend.getString("host");
    return server.listen(backend.getInteger("port"), host);
  }

  /** The port bound, once started (useful with port 0). */
  public int actualPort() {
    return server.actualPort();
  }

  /** {@code http://host:port} as bound, once started. */
  public String baseUrl() {
    return "http://" + host + ":" + actualPort();
  }

  private void answer(RoutingContext ctx, java.util.function.Supplier<JsonObject> body) {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    long delay = latencyMs + (jitterMs == 0 ? 0 : random.nextLong(jitterMs + 1));
    boolean fail = random.nextDouble() < errorRate;
    Runnable reply = () -> {
      if (fail) {
        ctx.response().setStatusCode(500).putHeader("content-type", "application/json")
            .end(new JsonObject().put("error", "INJECTED").put("message", "demo.backend.errorRate").encode());
      } else {
        ctx.response().putHeader("content-type", "application/json").end(body.get().encode());
      }
    };
    if (delay == 0) {
      reply.run();
    } else {
      vertx.setTimer(delay, id -> reply.run());
    }
  }

  private JsonObject portfolio() {
    Instant now = Instant.now();
    return new JsonObject().put("total_value_usd", 125_430.55).put("pnl_24h_pct", 1.84).put("positions", 12)
        // Snapshots are saved every few hours: epoch seconds, as a P&L store would write them.
        .put("last_snapshot", now.minusSeconds(3 * 3600).getEpochSecond())
        .put("generated_at", now.toString());
  }

  private JsonObject balances() {
    JsonArray balances = new JsonArray()
        .add(new JsonObject().put("asset", "BTC").put("free", 1.25).put("locked", 0.0))
        .add(new JsonObject().put("asset", "ETH").put("free", 14.2).put("locked", 1.0))
        .add(new JsonObject().put("asset", "USDT").put("free", 20_512.7).put("locked", 0.0));
    return new JsonObject().put("balances", balances).put("timestamp", System.currentTimeMillis());
  }

  private JsonObject mlStatus() {
    return new JsonObject().put("status", "ok").put("models_loaded", 3).put("memory_mb", 1240)
        // Risk scores are recomputed every few minutes: epoch milliseconds.
        .put("risk_scores_updated_at", System.currentTimeMillis() - 5 * 60_000);
  }

  private JsonObject indicators() {
    Instant fetched = Instant.now().minusSeconds(12 * 60);
    JsonArray list = new JsonArray();
    ThreadLocalRandom random = ThreadLocalRandom.current();
    for (int i = 0; i < INDICATORS.size(); i++) {
      list.add(new JsonObject().put("name", INDICATORS.get(i)).put("value", Math.round(random.nextDouble(0, 100) * 100) / 100.0)
          .put("timestamp", fetched.minusSeconds(i * 7L).toString()));
    }
    return new JsonObject().put("count", list.size()).put("indicators", list).put("updated_at", fetched.toString());
  }
}
