import dev.vigie.bus.StoreBus;
import dev.vigie.config.ConfigLoader;
import dev.vigie.store.StoreVerticle;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/**
 * The coverage ledger query at scale, through the store's own bus address (StoreBus.COVERAGE_QUERY) on its H2 file:
 * seeds YEARS x SYMBOLS daily 1m klines entries once (kept between runs), then times ROUNDS queries of each kind the
 * API and the heatmap make: the heatmap's compact answer for the whole type (form=cells, every entry), one symbol
 * over the five years (a page of 2,000), one day across every symbol, and the first page of the whole type with its
 * counts. The reply's JSON size is printed too. Usage: LedgerQueryBench DIR SYMBOLS YEARS ROUNDS
 */
public final class LedgerQueryBench {
  public static void main(String[] args) throws Exception {
    String dir = args[0];
    int symbols = Integer.parseInt(args[1]);
    int years = Integer.parseInt(args[2]);
    int rounds = Integer.parseInt(args[3]);
    JsonObject config = ConfigLoader.defaults().put("dataDir", dir);
    Vertx vertx = Vertx.vertx();
    try {
      vertx.deployVerticle(new StoreVerticle(), new DeploymentOptions().setConfig(config)).await(60, TimeUnit.SECONDS);
      DeliveryOptions patient = new DeliveryOptions().setSendTimeout(600_000);
      LocalDate first = LocalDate.of(2021, 1, 1);
      int days = (int) (years * 365.25);
      JsonObject probe = ask(vertx, StoreBus.COVERAGE_QUERY, query().put("limit", 1), patient);
      long held = probe.getJsonObject("counts").stream().mapToLong(e -> ((Number) e.getValue()).longValue()).sum();
      if (held < (long) symbols * days) {
        long t0 = System.nanoTime();
        for (int s = 0; s < symbols; s++) {
          JsonArray rows = new JsonArray();
          for (int d = 0; d < days; d++) {
            rows.add(row(String.format("SYM%03dUSDT", s), first.plusDays(d).toString(), d));
            if (rows.size() == 500 || d == days - 1) {
              ask(vertx, StoreBus.COVERAGE_SAVE, new JsonObject().put("rows", rows), patient);
              rows = new JsonArray();
            }
          }
        }
        System.out.printf("seeded %d entries in %.1f s%n", (long) symbols * days, (System.nanoTime() - t0) / 1e9);
      }
      time(vertx, "heatmap: the whole type as cells (form=cells)", query().put("form", "cells").put("maxCells", 10_000_000),
          rounds, patient);
      time(vertx, "one symbol, " + years + " years (limit 2000)", query().put("symbol", String.format("SYM%03dUSDT", symbols / 2))
          .put("limit", 2000),
          rounds, patient);
      String day = first.plusDays(days / 2).toString();
      time(vertx, "one day, every symbol", query().put("from", day).put("to", day).put("limit", 1000), rounds, patient);
      time(vertx, "first page of the type, with counts", query().put("limit", 1000), rounds, patient);
    } finally {
      vertx.close().await(30, TimeUnit.SECONDS);
    }
  }

  private static JsonObject query() {
    return new JsonObject().put("market", "spot").put("dataType", "klines").put("interval", "1m").put("period", "daily");
  }

  private static JsonObject row(String symbol, String date, int d) {
    String key = "data/spot/daily/klines/" + symbol + "/1m/" + symbol + "-1m-" + date + ".zip";
    String state = d % 97 == 0 ? "absent" : d % 89 == 0 ? "failed" : "verified";
    return new JsonObject().put("key", key).put("market", "spot").put("dataType", "klines").put("symbol", symbol)
        .put("interval", "1m").put("period", "daily").put("date", date).put("state", state)
        .put("scorePercent", state.equals("verified") ? 100.0 : null).put("gaps", 0).put("missing", 0);
  }

  private static void time(Vertx vertx, String what, JsonObject query, int rounds, DeliveryOptions options) {
    double[] ms = new double[rounds];
    JsonObject reply = ask(vertx, StoreBus.COVERAGE_QUERY, query, options);
    for (int r = 0; r < rounds; r++) {
      long t0 = System.nanoTime();
      reply = ask(vertx, StoreBus.COVERAGE_QUERY, query, options);
      ms[r] = (System.nanoTime() - t0) / 1e6;
    }
    Arrays.sort(ms);
    long entries = reply.containsKey("items") ? reply.getJsonArray("items").size()
        : reply.getJsonObject("counts").stream().mapToLong(e -> ((Number) e.getValue()).longValue()).sum();
    System.out.printf("| %s | %d entries | %.0f KB of JSON | median %.1f ms | max %.1f ms | goal < 100 ms |%n", what,
        entries, reply.encode().length() / 1024.0, ms[rounds / 2], ms[rounds - 1]);
  }

  private static JsonObject ask(Vertx vertx, String address, JsonObject body, DeliveryOptions options) {
    Future<JsonObject> reply = vertx.eventBus().<JsonObject>request(address, body, options).map(m -> m.body());
    try {
      return reply.await(600, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(address + ": " + e.getMessage(), e);
    }
  }
}
