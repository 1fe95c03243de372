package dev.vigie.vision;

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
}
