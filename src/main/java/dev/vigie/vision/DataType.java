package dev.vigie.vision;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Every Binance Vision data type, with the markets and periods the source publishes it for. Kline kinds
 * ({@code klines}, {@code indexPriceKlines}, {@code markPriceKlines}, {@code premiumIndexKlines}) carry an interval
 * and name their files after it ({@code BTCUSDT-1m-2024-03-01.zip}); the others name them after the type
 * ({@code BTCUSDT-metrics-2024-03-01.zip}).
 */
public enum DataType implements Word {
  AGG_TRADES("aggTrades", false, Availability.TRADED_BOTH),
  BOOK_DEPTH("bookDepth", false, Availability.FUTURES_DAILY),
  BOOK_TICKER("bookTicker", false, Availability.FUTURES_BOTH),
  FUNDING_RATE("fundingRate", false, Availability.FUTURES_MONTHLY),
  INDEX_PRICE_KLINES("indexPriceKlines", true, Availability.FUTURES_BOTH),
  KLINES("klines", true, Availability.TRADED_BOTH),
  LIQUIDATION_SNAPSHOT("liquidationSnapshot", false, Availability.FUTURES_DAILY),
  MARK_PRICE_KLINES("markPriceKlines", true, Availability.FUTURES_BOTH),
  METRICS("metrics", false, Availability.FUTURES_DAILY),
  PREMIUM_INDEX_KLINES("premiumIndexKlines", true, Availability.FUTURES_BOTH),
  TRADES("trades", false, Availability.TRADED_BOTH),
  BVOL_INDEX("BVOLIndex", false, Availability.OPTION_DAILY),
  EOH_SUMMARY("EOHSummary", false, Availability.OPTION_DAILY);

  /** Which markets and periods publish a type; the source's own list (binance-public-data's README). */
  private enum Availability {
    TRADED_BOTH(EnumSet.of(Market.SPOT, Market.UM, Market.CM), EnumSet.allOf(Period.class)),
    FUTURES_BOTH(EnumSet.of(Market.UM, Market.CM), EnumSet.allOf(Period.class)),
    FUTURES_DAILY(EnumSet.of(Market.UM, Market.CM), EnumSet.of(Period.DAILY)),
    FUTURES_MONTHLY(EnumSet.of(Market.UM, Market.CM), EnumSet.of(Period.MONTHLY)),
    OPTION_DAILY(EnumSet.of(Market.OPTION), EnumSet.of(Period.DAILY));

    private final Set<Market> markets;
    private final Set<Period> periods;

    Availability(Set<Market> markets, Set<Period> periods) {
      this.markets = markets;
      this.periods = periods;
    }
  }

  private final String wire;
  private final boolean klineKind;
  private final Availability availability;

  DataType(String wire, boolean klineKind, Availability availability) {
    this.wire = wire;
    this.klineKind = klineKind;
    this.availability = availability;
  }

  @Override
  public String wire() {
    return wire;
  }

  /** True for the kline kinds: an interval directory, files named after the interval, 12 kline columns. */
  public boolean klineKind() {
    return klineKind;
  }

  /** Whether the source publishes this type for {@code market} at all. */
  public boolean publishedIn(Market market) {
    return availability.markets.contains(market);
  }

  /** Whether the source publishes this type with {@code period} files (on the markets that have it). */
  public boolean publishedAs(Period period) {
    return availability.periods.contains(period);
  }

  /** The periods the source publishes this type as, e.g. {@code [monthly]} for fundingRate. */
  public List<Period> periods() {
    return Arrays.stream(Period.values()).filter(this::publishedAs).toList();
  }

  /** The types {@code market} publishes, as requests spell them. */
  public static List<String> wiresIn(Market market) {
    return Arrays.stream(values()).filter(type -> type.publishedIn(market)).map(DataType::wire).sorted().toList();
  }

  /**
   * Why {@code market}/{@code period}/{@code interval} is not published for this type, naming the field at fault
   * ({@code dataType}, {@code period} or {@code interval}); empty when the combination exists.
   */
  public Optional<Unpublished> unpublished(Market market, Period period, Interval interval) {
    if (!publishedIn(market)) {
      return Optional.of(new Unpublished("dataType", wire + " is not published for " + market.wire() + " (it has "
          + String.join(", ", wiresIn(market)) + ")"));
    }
    if (!publishedAs(period)) {
      return Optional.of(new Unpublished("period", wire + " is published " + String.join(" and ",
          periods().stream().map(Period::wire).toList()) + " only, not " + period.wire()));
    }
    if (klineKind != (interval != null)) {
      return Optional.of(new Unpublished("interval", interval == null ? wire + " need an interval"
          : "only kline kinds have an interval, not " + wire));
    }
    if (interval != null && !interval.publishedIn(market)) {
      return Optional.of(new Unpublished("interval", interval.wire() + " " + wire + " are published for spot only"));
    }
    if (interval != null && period == Period.DAILY && !interval.inDailyFiles()) {
      return Optional.of(new Unpublished("interval", "daily files exist only up to " + Interval.LONGEST_DAILY.wire()
          + "; ask for " + interval.wire() + " " + Period.MONTHLY.wire()));
    }
    return Optional.empty();
  }

  /** A combination the source does not publish: the request field at fault and why. */
  public record Unpublished(String field, String reason) {
  }

  /** The kline kind a path names among its directories ({@code .../markPriceKlines/...}), if it names one. */
  public static Optional<DataType> klineKindInPath(String path) {
    String normalized = path.replace('\\', '/');
    for (DataType type : values()) {
      if (type.klineKind && normalized.contains("/" + type.wire + "/")) {
        return Optional.of(type);
      }
    }
    return Optional.empty();
  }

  public static Optional<DataType> fromWire(String wire) {
    return Word.find(values(), wire);
  }

  public static List<String> wires() {
    return Word.wires(values());
  }
}
