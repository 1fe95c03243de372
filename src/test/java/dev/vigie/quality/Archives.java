package dev.vigie.quality;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Builds small archives as Binance publishes them: one CSV per ZIP, the CSV named like the ZIP. */
final class Archives {
  static final long DAY_MS = 86_400_000L;
  /** 2024-03-01T00:00:00Z. */
  static final long MARCH_1_MS = 1_709_251_200_000L;
  static final String KLINES_HEADER = "open_time,open,high,low,close,volume,close_time,quote_volume,count,"
      + "taker_buy_volume,taker_buy_quote_volume,ignore";

  private Archives() {
  }

  static Path zip(Path dir, String zipName, String csv) throws IOException {
    return zip(dir, zipName, csv.getBytes(StandardCharsets.UTF_8));
  }

  static Path zip(Path dir, String zipName, byte[] csv) throws IOException {
    Path file = dir.resolve(zipName);
    try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(file))) {
      out.putNextEntry(new ZipEntry(zipName.replace(".zip", ".csv")));
      out.write(csv);
      out.closeEntry();
    }
    return file;
  }

  /** One kline row with consistent values; {@code scale} is 1 for ms, 1000 for µs. */
  static String kline(long openMs, long intervalMs, long scale) {
    long open = openMs * scale;
    long close = (openMs + intervalMs) * scale - 1;
    return open + ",100.5,101.0,99.5,100.0,12.5," + close + ",1250.0,42,6.0,600.0,0\n";
  }

  /** Klines of one 1m day starting 2024-03-01, skipping the minutes in {@code missing}. */
  static String klinesDay(long scale, int... missing) {
    return klinesDayFrom(MARCH_1_MS, scale, missing);
  }

  /** Klines of one 1m day starting at {@code dayMs}, skipping the minutes in {@code missing}. */
  static String klinesDayFrom(long dayMs, long scale, int... missing) {
    StringBuilder sb = new StringBuilder();
    outer:
    for (int m = 0; m < 1440; m++) {
      for (int skip : missing) {
        if (skip == m) {
          continue outer;
        }
      }
      sb.append(kline(dayMs + m * 60_000L, 60_000L, scale));
    }
    return sb.toString();
  }

  /** A spot trade row (7 columns). */
  static String spotTrade(long id, long timeMs, long scale) {
    return id + ",100.25,0.5,50.125," + timeMs * scale + ",true,true\n";
  }

  /** A futures trade row (6 columns). */
  static String futuresTrade(long id, long timeMs) {
    return id + ",100.25,0.5,50.125," + timeMs + ",false\n";
  }

  static void write(OutputStream out, String s) throws IOException {
    out.write(s.getBytes(StandardCharsets.US_ASCII));
  }
}
