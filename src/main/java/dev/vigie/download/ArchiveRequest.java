package dev.vigie.download;

import dev.vigie.bus.Failures;
import dev.vigie.bus.Refusal;
import dev.vigie.vision.ArchiveSpec;

import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A download request checked field by field and expanded into archives: one {@code date}, or {@code from}/{@code to}
 * (inclusive) giving one archive per day or month. Every refusal is a {@link Refusal} naming the field.
 */
public record ArchiveRequest(List<ArchiveSpec> archives, boolean force) {
  public static final LocalDate FIRST_DAY = LocalDate.of(2017, 1, 1);
  private static final Pattern SYMBOL = Pattern.compile("[A-Z0-9]{2,30}(_[A-Z0-9]{1,12})?");
  private static final Set<String> MARKETS = Set.of("spot", "um", "cm");
  private static final Set<String> PERIODS = Set.of("daily", "monthly");
  private static final Set<String> DATA_TYPES = Set.of("klines", "trades", "aggTrades");
  /** Every interval in increasing length; daily files exist only up to {@code 1d}. */
  private static final List<String> INTERVALS =
      List.of("1s", "1m", "3m", "5m", "15m", "30m", "1h", "2h", "4h", "6h", "8h", "12h", "1d", "3d", "1w", "1mo");
  private static final int LAST_DAILY_INTERVAL = INTERVALS.indexOf("1d");

  /** Checks {@code body} against {@code today} (UTC) and the range limit, and expands it. */
  public static ArchiveRequest parse(JsonObject body, LocalDate today, int maxArchives) {
    String market = oneOf(body, "market", MARKETS);
    String period = oneOf(body, "period", PERIODS);
    String dataType = oneOf(body, "dataType", DATA_TYPES);
    String symbol = text(body, "symbol");
    if (!SYMBOL.matcher(symbol).matches()) {
      throw badField("symbol", "'" + symbol + "' is not a symbol (upper-case letters and digits, e.g. BTCUSDT, or BTCUSD_PERP on COIN-M)");
    }
    String interval = interval(body, dataType, period);
    Object force = body.getValue("force", false);
    if (!(force instanceof Boolean)) {
      throw badField("force", "must be true or false");
    }
    boolean daily = period.equals("daily");
    List<String> dates = dates(body, daily, today, maxArchives);
    List<ArchiveSpec> archives = new ArrayList<>(dates.size());
    for (String date : dates) {
      archives.add(new ArchiveSpec(market, period, dataType, symbol, interval, date));
    }
    return new ArchiveRequest(List.copyOf(archives), (Boolean) force);
  }

  private static String interval(JsonObject body, String dataType, String period) {
    if (!dataType.equals("klines")) {
      if (body.getValue("interval") != null) {
        throw badField("interval", "only klines have an interval, not " + dataType);
      }
      return null;
    }
    String interval = text(body, "interval");
    int index = INTERVALS.indexOf(interval);
    if (index < 0) {
      throw badField("interval", "'" + interval + "' is not one of " + String.join(" ", INTERVALS));
    }
    if (period.equals("daily") && index > LAST_DAILY_INTERVAL) {
      throw badField("interval", "daily files exist only up to 1d; ask for " + interval + " monthly");
    }
    return interval;
  }

  private static List<String> dates(JsonObject body, boolean daily, LocalDate today, int maxArchives) {
    boolean single = body.getValue("date") != null;
    boolean range = body.getValue("from") != null || body.getValue("to") != null;
    if (single == range) {
      throw badField("date", "give either 'date' or both 'from' and 'to'");
    }
    if (single) {
      return List.of(daily ? day(body, "date", today).toString() : month(body, "date", today).toString());
    }
    List<String> dates = new ArrayList<>();
    if (daily) {
      LocalDate from = day(body, "from", today);
      LocalDate to = day(body, "to", today);
      long count = checkRange(from.isAfter(to), ChronoUnit.DAYS.between(from, to) + 1, maxArchives);
      for (long i = 0; i < count; i++) {
        dates.add(from.plusDays(i).toString());
      }
    } else {
      YearMonth from = month(body, "from", today);
      YearMonth to = month(body, "to", today);
      long count = checkRange(from.isAfter(to), ChronoUnit.MONTHS.between(from, to) + 1, maxArchives);
      for (long i = 0; i < count; i++) {
        dates.add(from.plusMonths(i).toString());
      }
    }
    return dates;
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

  private static LocalDate day(JsonObject body, String field, LocalDate today) {
    String value = text(body, field);
    LocalDate date;
    try {
      date = value.length() == 10 ? LocalDate.parse(value) : null;
    } catch (DateTimeParseException e) {
      date = null;
    }
    if (date == null) {
      throw badField(field, "'" + value + "' is not a day (YYYY-MM-DD) as daily files need");
    }
    if (date.isBefore(FIRST_DAY)) {
      throw badField(field, value + " is before 2017, when Binance Vision starts");
    }
    if (date.isAfter(today)) {
      throw badField(field, value + " is in the future");
    }
    return date;
  }

  private static YearMonth month(JsonObject body, String field, LocalDate today) {
    String value = text(body, field);
    YearMonth month;
    try {
      month = value.length() == 7 ? YearMonth.parse(value) : null;
    } catch (DateTimeParseException e) {
      month = null;
    }
    if (month == null) {
      throw badField(field, "'" + value + "' is not a month (YYYY-MM) as monthly files need");
    }
    if (month.isBefore(YearMonth.from(FIRST_DAY))) {
      throw badField(field, value + " is before 2017, when Binance Vision starts");
    }
    if (month.isAfter(YearMonth.from(today))) {
      throw badField(field, value + " is in the future");
    }
    return month;
  }

  private static String oneOf(JsonObject body, String field, Set<String> allowed) {
    String value = text(body, field);
    if (!allowed.contains(value)) {
      throw badField(field, "'" + value + "' is not one of " + String.join(", ", allowed.stream().sorted().toList()));
    }
    return value;
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
