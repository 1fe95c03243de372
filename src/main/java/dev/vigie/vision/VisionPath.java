package dev.vigie.vision;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Binance Vision layout: {@code data/{spot|futures/um|futures/cm}/{daily|monthly}/{dataType}/{SYMBOL}/
 * [{INTERVAL}/]{SYMBOL}-{INTERVAL|dataType}-{date}.zip}, with the {@code .CHECKSUM} beside it.
 */
public final class VisionPath {
  public static final String CHECKSUM_SUFFIX = ".CHECKSUM";

  private static final Pattern KEY = Pattern.compile(
      "data/(spot|futures/um|futures/cm)/(daily|monthly)/(klines|trades|aggTrades)/([A-Z0-9_]+)/(?:([0-9a-z]+)/)?"
          + "([A-Z0-9_]+)-([0-9a-zA-Z]+)-(\\d{4}-\\d{2}(?:-\\d{2})?)\\.zip");

  private VisionPath() {
  }

  public static String key(ArchiveSpec spec) {
    StringBuilder path = new StringBuilder("data/")
        .append(spec.market().equals("spot") ? "spot" : "futures/" + spec.market())
        .append('/').append(spec.period())
        .append('/').append(spec.dataType())
        .append('/').append(spec.symbol()).append('/');
    if (spec.interval() != null) {
      path.append(spec.interval()).append('/');
    }
    return path.append(spec.fileName()).toString();
  }

  /** Reads a key back into its archive; throws IllegalArgumentException when it is not a Binance Vision path. */
  public static ArchiveSpec parse(String key) {
    Matcher m = KEY.matcher(key);
    if (!m.matches()) {
      throw new IllegalArgumentException("not a Binance Vision archive path: " + key);
    }
    String market = m.group(1).equals("spot") ? "spot" : m.group(1).substring("futures/".length());
    String dataType = m.group(3);
    String interval = m.group(5);
    boolean klines = dataType.equals("klines");
    String nameKind = m.group(7);
    if (!m.group(4).equals(m.group(6)) || klines != (interval != null)
        || !nameKind.equals(klines ? interval : dataType)
        || m.group(2).equals("daily") != (m.group(8).length() == 10)) {
      throw new IllegalArgumentException("inconsistent Binance Vision archive path: " + key);
    }
    return new ArchiveSpec(market, m.group(2), dataType, m.group(4), interval, m.group(8));
  }

  /** The name transfers in progress use in {@code <dataDir>/tmp}: the key flattened, so spot and futures differ. */
  public static String partName(String key) {
    return key.substring("data/".length()).replace('/', '_') + ".part";
  }
}
