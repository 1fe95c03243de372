package dev.vigie.demo;

import dev.vigie.bus.DownloadBus;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

/**
 * The demo's rolling downloads: every interval it asks the downloader for one more archive from the mirror, walking
 * back one day per round over a few symbols and kinds, so the monitor always has transfers, progress and results.
 * It starts from an offset taken from the clock so that a restarted demo asks for days it has not cached yet.
 */
final class DemoSchedule {
  private record Kind(String market, String dataType, String interval) {
  }

  private static final List<String> SYMBOLS = List.of("BTCUSDT", "ETHUSDT", "BNBUSDT", "SOLUSDT", "XRPUSDT");
  private static final List<Kind> KINDS = List.of(
      new Kind("spot", "klines", "1s"), new Kind("um", "klines", "1m"), new Kind("spot", "trades", null),
      new Kind("um", "aggTrades", null), new Kind("spot", "klines", "1m"), new Kind("cm", "klines", "5m"));
  private static final int DAYS = 2000;

  private final Vertx vertx;
  private long round;

  DemoSchedule(Vertx vertx) {
    this.vertx = vertx;
    this.round = (System.currentTimeMillis() / 60_000) % ((long) DAYS * SYMBOLS.size() * KINDS.size());
  }

  /** Returns the timer, for the demo verticle to cancel. */
  long start(long intervalMs) {
    return vertx.setPeriodic(intervalMs / 4, intervalMs, id -> vertx.eventBus().request(DownloadBus.REQUEST, next()));
  }

  JsonObject next() {
    long n = round++;
    Kind kind = KINDS.get((int) (n % KINDS.size()));
    String symbol = SYMBOLS.get((int) ((n / KINDS.size()) % SYMBOLS.size()));
    long daysBack = 1 + (n / ((long) KINDS.size() * SYMBOLS.size())) % DAYS;
    JsonObject request = new JsonObject().put("market", kind.market()).put("period", "daily")
        .put("dataType", kind.dataType()).put("symbol", symbol)
        .put("date", LocalDate.now(ZoneOffset.UTC).minusDays(daysBack).toString());
    if (kind.interval() != null) {
      request.put("interval", kind.interval());
    }
    return request;
  }
}
