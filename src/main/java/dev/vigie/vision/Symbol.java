package dev.vigie.vision;

import java.util.regex.Pattern;

/** Binance symbols: {@code BTCUSDT}, or {@code BTCUSD_PERP} on COIN-M. */
public final class Symbol {
  /** What a path or name may hold where the symbol goes; {@link #isValid} is stricter. */
  static final String IN_PATH = "[A-Z0-9_]+";
  private static final Pattern PATH_SEGMENT = Pattern.compile(IN_PATH);
  private static final Pattern VALID = Pattern.compile("[A-Z0-9]{2,30}(_[A-Z0-9]{1,12})?");

  private Symbol() {
  }

  /** True for a symbol Binance could list: upper-case letters and digits, with an optional {@code _SUFFIX}. */
  public static boolean isValid(String symbol) {
    return symbol != null && VALID.matcher(symbol).matches();
  }

  /** True when {@code symbol} can stand in a path and a file name: upper-case letters, digits, underscores. */
  static boolean fitsPath(String symbol) {
    return symbol != null && PATH_SEGMENT.matcher(symbol).matches();
  }
}
