package dev.vigie.vision;

import io.vertx.core.json.JsonObject;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What the cache accepts as a key: a Binance Vision relative path under {@code data/} ending in {@code .zip}, made
 * of plain segments, so it can never point outside {@code <dataDir>/archives/}.
 */
public final class ArchiveKey {
  /** Deliberately looser than {@link VisionPath}: the cache keeps any plainly named archive, in any layout. */
  private static final Pattern SAFE = Pattern.compile("data(/[A-Za-z0-9_-][A-Za-z0-9_.-]{0,127}){2,12}\\.zip");

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
    ArchiveSpec spec;
    try {
      spec = VisionPath.parse(key);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    return Symbol.isValid(spec.symbol()) ? Optional.of(spec.downloadRequest()) : Optional.empty();
  }
}
