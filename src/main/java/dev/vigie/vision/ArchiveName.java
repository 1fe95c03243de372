package dev.vigie.vision;

import java.time.LocalDate;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What an archive's file name says, {@code SYMBOL-{INTERVAL|dataType}-{YYYY-MM-DD|YYYY-MM}.zip} (or the
 * {@code .csv} inside it), and the market when the path around it names one. A name made of an interval is a kline
 * kind: plain {@code klines} unless the path names another kind's directory ({@code /markPriceKlines/}). A path that
 * names a market must name a combination the source publishes. {@link VisionPath} reads the last segment of a key
 * with the same grammar.
 *
 * @param interval the kline interval; null for the types that are not kline kinds
 * @param date the date as the name writes it; its shape gives the period
 * @param market empty when the path names no market (a bare file name)
 */
public record ArchiveName(String fileName, String symbol, DataType dataType, Interval interval, Period period,
    String date, Optional<Market> market) {

  private static final Pattern NAME = Pattern.compile(
      "(" + Symbol.IN_PATH + ")-([A-Za-z0-9]+)-(\\d{4}-\\d{2}(?:-\\d{2})?)\\.(?:zip|csv)");

  /** Parses a key, path or file name; throws IllegalArgumentException when it is not a Binance Vision name. */
  public static ArchiveName parse(String keyOrPath) {
    String normalized = keyOrPath.replace('\\', '/');
    ArchiveName name = ofFile(normalized.substring(normalized.lastIndexOf('/') + 1), Market.inPath(normalized),
        DataType.klineKindInPath(normalized).orElse(DataType.KLINES));
    name.market.flatMap(market -> name.dataType.unpublished(market, name.period, name.interval)).ifPresent(why -> {
      throw new IllegalArgumentException(why.reason());
    });
    return name;
  }

  static ArchiveName ofFile(String fileName, Optional<Market> market, DataType klineKind) {
    Matcher m = NAME.matcher(fileName);
    if (!m.matches()) {
      throw new IllegalArgumentException("'" + fileName + "' is not a Binance Vision archive name (SYMBOL-TYPE-DATE.zip)");
    }
    String kind = m.group(2);
    Interval interval = Interval.fromWire(kind).orElse(null);
    DataType type = interval != null ? klineKind
        : DataType.fromWire(kind).filter(t -> !t.klineKind()).orElseThrow(() -> new IllegalArgumentException(
            "'" + kind + "' is not a Binance Vision data type (a kline interval, or one of " + String.join(", ",
                DataType.wires().stream().filter(w -> !DataType.fromWire(w).orElseThrow().klineKind()).toList())
                + ")"));
    String date = m.group(3);
    Period period = Period.ofDate(date).orElseThrow();
    try {
      period.parseDate(date);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("'" + fileName + "' carries no valid date");
    }
    return new ArchiveName(fileName, m.group(1), type, interval, period, date, market);
  }

  public boolean monthly() {
    return period == Period.MONTHLY;
  }

  /** The start of the period, in milliseconds since the epoch. */
  public long periodStartMs() {
    return epochMs(period.parseDate(date));
  }

  /** The end of the period (exclusive), in milliseconds since the epoch. */
  public long periodEndMs() {
    return epochMs(period.end(period.parseDate(date)));
  }

  /** The kline interval in milliseconds; 0 for the other types and the calendar interval {@code 1mo}. */
  public long intervalMs() {
    return interval == null ? 0 : interval.millis();
  }

  private static long epochMs(LocalDate day) {
    return day.toEpochDay() * 86_400_000L;
  }
}
