package dev.vigie.coverage;

import dev.vigie.bus.Refusal;
import dev.vigie.bus.RequestField;
import dev.vigie.vision.DataType;
import dev.vigie.vision.Interval;
import dev.vigie.vision.Market;
import dev.vigie.vision.Period;
import dev.vigie.vision.Symbol;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * What to look up upstream: one series ({@code market, period, dataType, symbol, interval?}) or every symbol of a
 * type ({@code symbol: "*"}), between {@code from} and {@code to} (inclusive, as the period writes dates; by
 * default from 2017 to today), and whether to fetch what is listed. Refusals are 400s naming the field.
 */
record ExpandRequest(Market market, Period period, DataType dataType, String symbol, Interval interval,
    LocalDate from, LocalDate to, boolean fetch) {
  static final String EVERY_SYMBOL = "*";
  private static final LocalDate FIRST_DAY = LocalDate.of(2017, 1, 1);

  boolean everySymbol() {
    return EVERY_SYMBOL.equals(symbol);
  }

  /** The listing prefix of the type on its market and period, under which each symbol is a common prefix. */
  String typePrefix() {
    return "data/" + market.path() + "/" + period.wire() + "/" + dataType.wire() + "/";
  }

  /** The listing prefix of one symbol's series: its archives (and checksums) are the keys under it. */
  String seriesPrefix(String symbol) {
    return typePrefix() + symbol + "/" + (interval == null ? "" : interval.wire() + "/");
  }

  static ExpandRequest from(JsonObject body, LocalDate today) {
    JsonObject b = body == null ? new JsonObject() : body;
    Market market = word(b, "market", Market::fromWire, Market.wires());
    Period period = word(b, "period", Period::fromWire, Period.wires());
    DataType dataType = word(b, "dataType", DataType::fromWire, DataType.wires());
    Interval interval = null;
    if (b.getValue("interval") != null) {
      interval = word(b, "interval", Interval::fromWire, Interval.wires());
    }
    if (!dataType.publishedIn(market)) {
      throw Refusal.badField("dataType", dataType.unpublished(market, period, null).orElseThrow().reason());
    }
    dataType.unpublished(market, period, interval).ifPresent(why -> {
      throw Refusal.badField(why.field(), why.reason());
    });
    String symbol = text(b, "symbol");
    if (!EVERY_SYMBOL.equals(symbol) && !Symbol.isValid(symbol)) {
      throw Refusal.badField("symbol", "'" + symbol + "' is not a symbol; \"*\" asks for every symbol listed");
    }
    LocalDate from = b.getValue("from") == null ? FIRST_DAY : date(b, "from", period);
    LocalDate to = b.getValue("to") == null ? period.startOf(today) : date(b, "to", period);
    if (from.isAfter(to)) {
      throw Refusal.badField("to", "comes before 'from'");
    }
    return new ExpandRequest(market, period, dataType, symbol, interval, from, to,
        RequestField.flag(b, "fetch", false));
  }

  private static LocalDate date(JsonObject b, String field, Period period) {
    String value = text(b, field);
    try {
      return period.parseDate(value);
    } catch (IllegalArgumentException e) {
      throw Refusal.badField(field, e.getMessage() + " as " + period.wire() + " files need");
    }
  }

  private static <W> W word(JsonObject b, String field, Function<String, Optional<W>> fromWire, List<String> wires) {
    String value = text(b, field);
    return fromWire.apply(value).orElseThrow(() -> Refusal.badField(field, "'" + value + "' is not one of "
        + String.join(", ", wires)));
  }

  private static String text(JsonObject b, String field) {
    Object value = b.getValue(field);
    if (value == null) {
      throw Refusal.badField(field, "is required");
    }
    if (!(value instanceof String s) || s.isEmpty()) {
      throw Refusal.badField(field, "must be a non-empty string");
    }
    return s;
  }
}
