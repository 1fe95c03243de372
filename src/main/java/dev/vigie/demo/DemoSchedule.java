package dev.vigie.demo;

import dev.vigie.bus.DownloadBus;
import dev.vigie.vision.ArchiveSpec;
import dev.vigie.vision.DataType;
import dev.vigie.vision.Interval;
import dev.vigie.vision.Market;
import dev.vigie.vision.Period;
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
  private record Kind(Market market, DataType dataType, Interval interval) {
  }

  private static final List<String> SYMBOLS = List.of("BTCUSDT", "ETHUSDT", "BNBUSDT", "SOLUSDT", "XRPUSDT");
  private static final List<Kind> KINDS = List.of(
      new Kind(Market.SPOT, DataType.KLINES, Interval.ONE_SECOND),
      new Kind(Market.UM, DataType.KLINES, Interval.ONE_MINUTE),
      new Kind(Market.SPOT, DataType.TRADES, null),
      new Kind(Market.UM, DataType.AGG_TRADES, null),
      new Kind(Market.SPOT, DataType.KLINES, Interval.ONE_MINUTE),
      new Kind(Market.CM, DataType.KLINES, Interval.FIVE_MINUTES));
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
    String date = Period.DAILY.format(LocalDate.now(ZoneOffset.UTC).minusDays(daysBack));
    return new ArchiveSpec(kind.market(), Period.DAILY, kind.dataType(), symbol, kind.interval(), date)
        .downloadRequest();
  }
}
