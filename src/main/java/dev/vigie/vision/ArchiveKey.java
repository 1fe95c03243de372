package dev.vigie.vision;

import io.vertx.core.json.JsonObject;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the cache accepts as a key: a Binance Vision relative path under {@code data/} ending in {@code .zip}, made
 * of plain segments, so it can never point outside {@code <dataDir>/archives/}.
 */
public final class ArchiveKey {
  private static final Pattern SAFE = Pattern.compile("data(/[A-Za-z0-9_-][A-Za-z0-9_.-]{0,127}){2,12}\\.zip");
  private static final Pattern LAYOUT = Pattern.compile(
      "data/(spot|futures/um|futures/cm)/(daily|monthly)/(klines|trades|aggTrades)/([A-Z0-9_]{2,30})/(?:([0-9a-z]{2,3})/)?"
          + "\\4-([0-9a-z]{2,3}|trades|aggTrades)-(\\d{4}-\\d{2}(?:-\\d{2})?)\\.zip");

  private ArchiveKey() {
  }

  /** True for a key the cache may store: no {@code ..}, no absolute path, Binance-style segments. */
  public static boolean isSafe(String key) {
    return key != null && key.length() <= 512 && SAFE.matcher(key).matches() && !key.contains("..");
  }

  /**
   * The download request that fetches this archive again ({@code DownloadBus.REQUEST} fields), when the key follows
   * the layout the downloader knows.
   */
  public static Optional<JsonObject> downloadRequest(String key) {
    Matcher m = LAYOUT.matcher(key);
    if (!m.matches()) {
      return Optional.empty();
    }
    String market = switch (m.group(1)) {
      case "futures/um" -> "um";
      case "futures/cm" -> "cm";
      default -> "spot";
    };
    JsonObject request = new JsonObject().put("market", market).put("period", m.group(2)).put("dataType", m.group(3))
        .put("symbol", m.group(4)).put("date", m.group(7));
    if (m.group(3).equals("klines")) {
      if (m.group(5) == null || !m.group(5).equals(m.group(6))) {
        return Optional.empty();
      }
      request.put("interval", m.group(5));
    } else if (m.group(5) != null || !m.group(6).equals(m.group(3))) {
      return Optional.empty();
    }
    return Optional.of(request);
  }
}
