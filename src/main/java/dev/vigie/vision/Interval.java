package dev.vigie.vision;

import java.util.List;
import java.util.Optional;

/** A kline interval, shortest first, as Binance writes it ({@code 1mo}, not {@code 1M}). */
public enum Interval implements Word {
  ONE_SECOND("1s", 1_000L),
  ONE_MINUTE("1m", 60_000L),
  THREE_MINUTES("3m", 180_000L),
  FIVE_MINUTES("5m", 300_000L),
  FIFTEEN_MINUTES("15m", 900_000L),
  THIRTY_MINUTES("30m", 1_800_000L),
  ONE_HOUR("1h", 3_600_000L),
  TWO_HOURS("2h", 7_200_000L),
  FOUR_HOURS("4h", 14_400_000L),
  SIX_HOURS("6h", 21_600_000L),
  EIGHT_HOURS("8h", 28_800_000L),
  TWELVE_HOURS("12h", 43_200_000L),
  ONE_DAY("1d", 86_400_000L),
  THREE_DAYS("3d", 259_200_000L),
  ONE_WEEK("1w", 604_800_000L),
  ONE_MONTH("1mo", 0L);

  /** Daily files exist only up to this interval. */
  public static final Interval LONGEST_DAILY = ONE_DAY;

  private final String wire;
  private final long millis;

  Interval(String wire, long millis) {
    this.wire = wire;
    this.millis = millis;
  }

  @Override
  public String wire() {
    return wire;
  }

  /** The interval's length; 0 for {@code 1mo}, whose length depends on the month. */
  public long millis() {
    return millis;
  }

  /** Whether daily files are published for this interval. */
  public boolean inDailyFiles() {
    return compareTo(LONGEST_DAILY) <= 0;
  }

  /** Whether klines of this interval exist on {@code market}: 1s klines are spot's only. */
  public boolean publishedIn(Market market) {
    return this != ONE_SECOND || market == Market.SPOT;
  }

  public static Optional<Interval> fromWire(String wire) {
    return Word.find(values(), wire);
  }

  /** Every interval, shortest first. */
  public static List<String> wires() {
    return Word.wires(values());
  }
}
