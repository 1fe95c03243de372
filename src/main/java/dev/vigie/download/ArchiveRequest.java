package dev.vigie.download;

import dev.vigie.bus.Failures;
import dev.vigie.bus.Refusal;
import dev.vigie.vision.ArchiveSpec;
import dev.vigie.vision.DataType;
import dev.vigie.vision.Interval;
import dev.vigie.vision.Market;
import dev.vigie.vision.Period;
import dev.vigie.vision.Symbol;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * A download request checked field by field and expanded into archives: one {@code date}, or {@code from}/{@code to}
 * (inclusive) giving one archive per day or month. Every refusal is a {@link Refusal} naming the field.
 */
public record ArchiveRequest(List<ArchiveSpec> archives, boolean force) {
  public static final LocalDate FIRST_DAY = LocalDate.of(2017, 1, 1);

  /** Checks {@code body} against {@code today} (UTC) and the range limit, and expands it. */
  public static ArchiveRequest parse(JsonObject body, LocalDate today, int maxArchives) {
    Market market = oneOf(body, "market", Market::fromWire, Market.wires());
    Period period = oneOf(body, "period", Period::fromWire, Period.wires());
    DataType dataType = oneOf(body, "dataType", DataType::fromWire, DataType.wires());
    if (!dataType.publishedIn(market)) {
      throw badField("dataType", dataType.unpublished(market, period, null).orElseThrow().reason());
    }
    String symbol = text(body, "symbol");
    if (!Symbol.isValid(symbol)) {
      throw badField("symbol", "'" + symbol + "' is not a symbol (upper-case letters and digits, e.g. BTCUSDT, or BTCUSD_PERP on COIN-M)");
    }
    Interval interval = interval(body, dataType);
    dataType.unpublished(market, period, interval).ifPresent(why -> {
      throw badField(why.field(), why.reason());
    });
    Object force = body.getValue("force", false);
    if (!(force instanceof Boolean)) {
      throw badField("force", "must be true or false");
    }
    List<LocalDate> starts = starts(body, period, today, maxArchives);
    List<ArchiveSpec> archives = new ArrayList<>(starts.size());
    for (LocalDate start : starts) {
      archives.add(new ArchiveSpec(market, period, dataType, symbol, interval, period.format(start)));
    }
    return new ArchiveRequest(List.copyOf(archives), (Boolean) force);
  }

  /** The interval a kline kind needs; whether the combination is published is checked after. */
  private static Interval interval(JsonObject body, DataType dataType) {
    if (!dataType.klineKind()) {
      if (body.getValue("interval") != null) {
        throw badField("interval", "only kline kinds have an interval, not " + dataType.wire());
      }
      return null;
    }
    String wire = text(body, "interval");
    return Interval.fromWire(wire).orElseThrow(
        () -> badField("interval", "'" + wire + "' is not one of " + String.join(" ", Interval.wires())));
  }

  /** The first day of every archive asked for, in order. */
  private static List<LocalDate> starts(JsonObject body, Period period, LocalDate today, int maxArchives) {
    boolean single = body.getValue("date") != null;
    boolean range = body.getValue("from") != null || body.getValue("to") != null;
    if (single == range) {
      throw badField("date", "give either 'date' or both 'from' and 'to'");
    }
    if (single) {
      return List.of(start(body, "date", period, today));
    }
    LocalDate from = start(body, "from", period, today);
    LocalDate to = start(body, "to", period, today);
    long count = checkRange(from.isAfter(to), period.unit().between(from, to) + 1, maxArchives);
    List<LocalDate> starts = new ArrayList<>();
    for (long i = 0; i < count; i++) {
      starts.add(from.plus(i, period.unit()));
    }
    return starts;
  }

  private static long checkRange(boolean reversed, long count, int maxArchives) {
    if (reversed) {
      throw badField("to", "comes before 'from'");
    }
    if (count > maxArchives) {
      throw badField("to", "the range holds " + count + " archives, over the limit of " + maxArchives
          + " (download.maxRangeArchives)");
    }
    return count;
  }

  /** The first day of the archive {@code field} names, which must be whole, from 2017 and not in the future. */
  private static LocalDate start(JsonObject body, String field, Period period, LocalDate today) {
    String value = text(body, field);
    LocalDate start;
    try {
      start = period.parseDate(value);
    } catch (IllegalArgumentException e) {
      throw badField(field, "'" + value + "' is not " + period.dateShape() + " as " + period.wire() + " files need");
    }
    if (start.isBefore(FIRST_DAY)) {
      throw badField(field, value + " is before 2017, when Binance Vision starts");
    }
    if (start.isAfter(period.startOf(today))) {
      throw badField(field, value + " is in the future");
    }
    return start;
  }

  private static <T> T oneOf(JsonObject body, String field, Function<String, Optional<T>> fromWire, List<String> wires) {
    String value = text(body, field);
    return fromWire.apply(value).orElseThrow(
        () -> badField(field, "'" + value + "' is not one of " + String.join(", ", wires.stream().sorted().toList())));
  }

  private static String text(JsonObject body, String field) {
    Object value = body.getValue(field);
    if (value == null) {
      throw badField(field, "is required");
    }
    if (!(value instanceof String s) || s.isEmpty()) {
      throw badField(field, "must be a non-empty string");
    }
    return s;
  }

  /** The download API's 400 body names the field under {@code BAD_REQUEST}, as it always has. */
  private static Refusal badField(String field, String problem) {
    return new Refusal(Failures.BAD_REQUEST, "BAD_REQUEST", field, field + ": " + problem);
  }
}
