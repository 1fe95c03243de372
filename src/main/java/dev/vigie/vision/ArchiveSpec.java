package dev.vigie.vision;

import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.util.Objects;

/**
 * One Binance Vision archive, consistent by construction: a combination of market, period, data type and interval
 * the source publishes ({@link DataType#unpublished}: an interval for kline kinds and only for them, daily files only
 * up to {@link Interval#LONGEST_DAILY}, fundingRate monthly only, ...), and a {@code date} written as its period
 * writes it ({@code YYYY-MM-DD} or {@code YYYY-MM}). Throws IllegalArgumentException otherwise.
 */
public record ArchiveSpec(Market market, Period period, DataType dataType, String symbol, Interval interval,
    String date) {

  public ArchiveSpec {
    Objects.requireNonNull(market, "market");
    Objects.requireNonNull(period, "period");
    Objects.requireNonNull(dataType, "dataType");
    Objects.requireNonNull(date, "date");
    if (!Symbol.fitsPath(symbol)) {
      throw new IllegalArgumentException("'" + symbol + "' is not a symbol");
    }
    dataType.unpublished(market, period, interval).ifPresent(why -> {
      throw new IllegalArgumentException(why.reason());
    });
    period.parseDate(date);
  }

  /** The archive's path relative to the base URL, which is also its cache key. */
  public String key() {
    return VisionPath.key(this);
  }

  /** The archive's file name, e.g. {@code BTCUSDT-1m-2024-03-01.zip}. */
  public String fileName() {
    return stem() + ".zip";
  }

  /** The one CSV inside the archive, e.g. {@code BTCUSDT-1m-2024-03-01.csv}. */
  public String entryName() {
    return stem() + ".csv";
  }

  private String stem() {
    return symbol + "-" + (interval != null ? interval.wire() : dataType.wire()) + "-" + date;
  }

  public boolean futures() {
    return market.futures();
  }

  /** The first day the archive covers. */
  public LocalDate start() {
    return period.parseDate(date);
  }

  /** The day after the last one the archive covers. */
  public LocalDate end() {
    return period.end(start());
  }

  /** The {@code DownloadBus.REQUEST} fields that fetch this archive. */
  public JsonObject downloadRequest() {
    JsonObject request = new JsonObject().put("market", market.wire()).put("period", period.wire())
        .put("dataType", dataType.wire()).put("symbol", symbol).put("date", date);
    return interval == null ? request : request.put("interval", interval.wire());
  }
}
