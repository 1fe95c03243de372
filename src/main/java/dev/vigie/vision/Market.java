package dev.vigie.vision;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A Binance Vision market: requests name it {@code spot|um|cm|option}, paths
 * {@code spot|futures/um|futures/cm|option}.
 */
public enum Market implements Word {
  SPOT("spot", "spot"),
  /** USD-M futures. */
  UM("um", "futures/um"),
  /** COIN-M futures. */
  CM("cm", "futures/cm"),
  /** European options: volatility indices and end-of-hour summaries only. */
  OPTION("option", "option");

  private final String wire;
  private final String path;

  Market(String wire, String path) {
    this.wire = wire;
    this.path = path;
  }

  @Override
  public String wire() {
    return wire;
  }

  /** How the path writes it, between {@code data/} and the period. */
  public String path() {
    return path;
  }

  public boolean futures() {
    return this == UM || this == CM;
  }

  public static Optional<Market> fromWire(String wire) {
    return Word.find(values(), wire);
  }

  /** The market whose path is exactly {@code path}, e.g. {@code futures/um}. */
  public static Optional<Market> fromPath(String path) {
    return Arrays.stream(values()).filter(market -> market.path.equals(path)).findFirst();
  }

  /** The market a key or file path names among its directories ({@code .../futures/um/...}), if it names one. */
  public static Optional<Market> inPath(String path) {
    String normalized = path.replace('\\', '/');
    for (Market market : values()) {
      if (normalized.contains("/" + market.path + "/")) {
        return Optional.of(market);
      }
    }
    return Optional.empty();
  }

  /** Every market as requests write it, in declaration order. */
  public static List<String> wires() {
    return Word.wires(values());
  }
}
