package dev.vigie.vision;

import java.util.List;
import java.util.Optional;

/** The Binance Vision data types Vigie downloads and validates. */
public enum DataType implements Word {
  KLINES("klines"),
  TRADES("trades"),
  AGG_TRADES("aggTrades");

  private final String wire;

  DataType(String wire) {
    this.wire = wire;
  }

  @Override
  public String wire() {
    return wire;
  }

  public static Optional<DataType> fromWire(String wire) {
    return Word.find(values(), wire);
  }

  public static List<String> wires() {
    return Word.wires(values());
  }
}
