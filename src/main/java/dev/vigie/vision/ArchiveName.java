package dev.vigie.vision;

import dev.vigie.vision.DataType.Market;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a Binance Vision archive name or cache key says about its content:
 * {@code .../{spot|futures/um|futures/cm}/.../SYMBOL-{INTERVAL|trades|aggTrades}-{YYYY-MM-DD|YYYY-MM}.zip}.
 * The period bounds are in milliseconds since the epoch, end exclusive.
 *
 * @param intervalMs the kline interval in milliseconds, 0 for trades, aggTrades and the calendar interval 1mo
 */
public record ArchiveName(String fileName, String symbol, DataType dataType, Market market, String interval,
    long intervalMs, boolean monthly, long periodStartMs, long periodEndMs) {

  private static final Pattern NAME = Pattern.compile(
      "([A-Z0-9_]+)-([A-Za-z0-9]+)-(\\d{4}-\\d{2})(-\\d{2})?\\.(?:zip|csv)");

  /** Parses a key, path or file name; throws IllegalArgumentException when it is not a Binance Vision name. */
  public static ArchiveName parse(String keyOrPath) {
    String normalized = keyOrPath.replace('\\', '/');
    String fileName = normalized.substring(normalized.lastIndexOf('/') + 1);
    Matcher m = NAME.matcher(fileName);
    if (!m.matches()) {
      throw new IllegalArgumentException("'" + fileName + "' is not a Binance Vision archive name (SYMBOL-TYPE-DATE.zip)");
    }
    String kind = m.group(2);
    DataType type = DataType.fromWire(kind);
    long intervalMs = 0;
    String interval = null;
    if (type == null) {
      intervalMs = intervalMs(kind);
      if (intervalMs < 0) {
        throw new IllegalArgumentException("'" + kind + "' is not a supported data type (klines intervals, trades, aggTrades)");
      }
      type = DataType.KLINES;
      interval = kind;
    }
    Market market = normalized.contains("/spot/") ? Market.SPOT
        : normalized.contains("/futures/") ? Market.FUTURES : Market.UNKNOWN;
    boolean monthly = m.group(4) == null;
    LocalDate start;
    try {
      start = LocalDate.parse(monthly ? m.group(3) + "-01" : m.group(3) + m.group(4));
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("'" + fileName + "' carries no valid date");
    }
    LocalDate end = monthly ? start.plusMonths(1) : start.plusDays(1);
    return new ArchiveName(fileName, m.group(1), type, market, interval, intervalMs, monthly,
        start.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli(),
        end.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli());
  }

  /** Rows a complete file holds for a fixed interval, or 0 when it cannot be said (trades, 1mo, 3d, 1w). */
  public long expectedRows() {
    if (dataType != DataType.KLINES || intervalMs == 0) {
      return 0;
    }
    long span = periodEndMs - periodStartMs;
    return span % intervalMs == 0 ? span / intervalMs : 0;
  }

  /** Milliseconds of a kline interval, 0 for the calendar interval {@code 1mo}, -1 when unknown. */
  static long intervalMs(String interval) {
    return switch (interval) {
      case "1s" -> 1_000L;
      case "1m" -> 60_000L;
      case "3m" -> 180_000L;
      case "5m" -> 300_000L;
      case "15m" -> 900_000L;
      case "30m" -> 1_800_000L;
      case "1h" -> 3_600_000L;
      case "2h" -> 7_200_000L;
      case "4h" -> 14_400_000L;
      case "6h" -> 21_600_000L;
      case "8h" -> 28_800_000L;
      case "12h" -> 43_200_000L;
      case "1d" -> 86_400_000L;
      case "3d" -> 259_200_000L;
      case "1w" -> 604_800_000L;
      case "1mo" -> 0L;
      default -> -1L;
    };
  }
}
