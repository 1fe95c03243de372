package dev.vigie.vision;

/**
 * One Binance Vision archive: {@code market} spot|um|cm, {@code period} daily|monthly, {@code dataType}
 * klines|trades|aggTrades, {@code interval} (klines only, else null) and {@code date} (YYYY-MM-DD or YYYY-MM).
 */
public record ArchiveSpec(String market, String period, String dataType, String symbol, String interval, String date) {

  /** The archive's path relative to the base URL, which is also its cache key. */
  public String key() {
    return VisionPath.key(this);
  }

  /** The archive's file name, e.g. {@code BTCUSDT-1m-2024-03-01.zip}. */
  public String fileName() {
    return symbol + "-" + (interval != null ? interval : dataType) + "-" + date + ".zip";
  }

  public boolean futures() {
    return !market.equals("spot");
  }
}
