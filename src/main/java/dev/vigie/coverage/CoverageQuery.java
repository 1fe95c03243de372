package dev.vigie.coverage;

import dev.vigie.bus.Refusal;
import dev.vigie.bus.RequestField;
import dev.vigie.vision.DataType;
import dev.vigie.vision.Interval;
import dev.vigie.vision.Market;
import dev.vigie.vision.Period;
import dev.vigie.vision.Symbol;
import dev.vigie.vision.VisionPath;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * A {@code GET /api/coverage} question checked field by field: each filter must be a word of the vocabulary (and a
 * combination the source publishes), dates written as their period writes them, a limit within the page bounds, a
 * cursor a Binance Vision key, a form {@code items} (pages, the default) or {@code cells} (the heatmap's compact answer,
 * bounded by {@code coverage.maxCells}). Every refusal is a 400 naming the field. Gives the store's
 * {@code COVERAGE_QUERY} body.
 */
final class CoverageQuery {
  static final List<String> STATES = List.of(LedgerState.wires());

  private CoverageQuery() {
  }

  static JsonObject from(JsonObject body, CoverageSettings settings) {
    JsonObject b = body == null ? new JsonObject() : body;
    JsonObject query = new JsonObject();
    Market market = word(b, "market", Market::fromWire, Market.wires(), query);
    DataType dataType = word(b, "dataType", DataType::fromWire, DataType.wires(), query);
    Period period = word(b, "period", Period::fromWire, Period.wires(), query);
    Interval interval = word(b, "interval", Interval::fromWire, Interval.wires(), query);
    if (market != null && dataType != null && !dataType.publishedIn(market)) {
      throw Refusal.badField("dataType", dataType.unpublished(market, Period.DAILY, null).orElseThrow().reason());
    }
    if (dataType != null && period != null && !dataType.publishedAs(period)) {
      throw Refusal.badField("period", dataType.unpublished(dataType == DataType.BVOL_INDEX || dataType
          == DataType.EOH_SUMMARY ? Market.OPTION : Market.UM, period, null).orElseThrow().reason());
    }
    if (interval != null && dataType != null && !dataType.klineKind()) {
      throw Refusal.badField("interval", "only kline kinds have an interval, not " + dataType.wire());
    }
    String symbol = text(b, "symbol");
    if (symbol != null) {
      if (!Symbol.isValid(symbol)) {
        throw Refusal.badField("symbol", "'" + symbol + "' is not a symbol");
      }
      query.put("symbol", symbol);
    }
    String state = text(b, "state");
    if (state != null) {
      if (!STATES.contains(state)) {
        throw Refusal.badField("state", "'" + state + "' is not one of " + String.join(", ", STATES));
      }
      query.put("state", state);
    }
    date(b, "from", period, query);
    date(b, "to", period, query);
    if (query.getString("from") != null && query.getString("to") != null
        && query.getString("from").compareTo(query.getString("to")) > 0) {
      throw Refusal.badField("to", "comes before 'from'");
    }
    String form = text(b, "form");
    if (form != null && !form.equals("items") && !form.equals("cells")) {
      throw Refusal.badField("form", "'" + form + "' is not one of items, cells");
    }
    if ("cells".equals(form)) {
      if (b.getValue("cursor") != null) {
        throw Refusal.badField("cursor", "the cells form is one answer, not pages");
      }
      return query.put("form", "cells").put("maxCells", settings.maxCells());
    }
    String cursor = text(b, "cursor");
    if (cursor != null) {
      try {
        VisionPath.parse(cursor);
      } catch (IllegalArgumentException e) {
        throw Refusal.badField("cursor", "not a cursor this API gave: " + e.getMessage());
      }
      query.put("cursor", cursor);
    }
    Object limit = b.getValue("limit");
    long pageSize = limit instanceof String s ? RequestField.wholeParam(s, "limit", settings.pageSize(), 1,
        settings.maxPageSize()) : RequestField.whole(b, "limit", settings.pageSize(), 1, settings.maxPageSize());
    return query.put("limit", (int) pageSize);
  }

  private static <W> W word(JsonObject b, String field, Function<String, Optional<W>> fromWire, List<String> wires,
      JsonObject query) {
    String value = text(b, field);
    if (value == null) {
      return null;
    }
    W word = fromWire.apply(value).orElseThrow(() -> Refusal.badField(field, "'" + value + "' is not one of "
        + String.join(", ", wires)));
    query.put(field, value);
    return word;
  }

  /** {@code YYYY-MM-DD} or {@code YYYY-MM} (as the period writes it when one is given). */
  private static void date(JsonObject b, String field, Period period, JsonObject query) {
    String value = text(b, field);
    if (value == null) {
      return;
    }
    Period shape = period != null ? period : Period.ofDate(value).orElse(Period.DAILY);
    try {
      shape.parseDate(value);
    } catch (IllegalArgumentException e) {
      throw Refusal.badField(field, e.getMessage() + (period != null ? " as " + period.wire() + " files need" : ""));
    }
    query.put(field, value);
  }

  private static String text(JsonObject b, String field) {
    Object value = b.getValue(field);
    if (value == null) {
      return null;
    }
    if (!(value instanceof String s) || s.isEmpty()) {
      throw Refusal.badField(field, "must be a non-empty string");
    }
    return s;
  }
}
