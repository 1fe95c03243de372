package dev.vigie.kit;

import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Binance Vision archives as tests name, ask for and build them: keys, request bodies, ZIPs, SHA-256. */
public final class TestArchives {
  private TestArchives() {
  }

  /** {@code data/spot/daily/klines/<symbol>/1m/<symbol>-1m-<date>.zip}. */
  public static String klinesKey(String symbol, String date) {
    return "data/spot/daily/klines/" + symbol + "/1m/" + symbol + "-1m-" + date + ".zip";
  }

  /** {@code data/spot/daily/trades/<symbol>/<symbol>-trades-<date>.zip}. */
  public static String tradesKey(String symbol, String date) {
    return "data/spot/daily/trades/" + symbol + "/" + symbol + "-trades-" + date + ".zip";
  }

  /** A download request for one day of spot 1m klines ({@link #klinesKey}). */
  public static JsonObject klines(String symbol, String date) {
    return new JsonObject().put("market", "spot").put("period", "daily").put("dataType", "klines")
        .put("symbol", symbol).put("interval", "1m").put("date", date);
  }

  /** A download request for one day of spot trades ({@link #tradesKey}). */
  public static JsonObject trades(String symbol, String date) {
    return new JsonObject().put("market", "spot").put("period", "daily").put("dataType", "trades")
        .put("symbol", symbol).put("date", date);
  }

  /** A ZIP holding one CSV, as Binance packs an archive. */
  public static byte[] zip(String csvName, String rows) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      zip.putNextEntry(new ZipEntry(csvName));
      zip.write(rows.getBytes(StandardCharsets.UTF_8));
      zip.closeEntry();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /** Lower-case hex, as {@code .CHECKSUM} files and the cache give it. */
  public static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  public static String sha256(Path file) throws IOException {
    return sha256(Files.readAllBytes(file));
  }
}
