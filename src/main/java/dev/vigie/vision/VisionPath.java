package dev.vigie.vision;

import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The Binance Vision layout: {@code data/{spot|futures/um|futures/cm|option}/{daily|monthly}/{dataType}/{SYMBOL}/
 * [{INTERVAL}/]{SYMBOL}-{INTERVAL|dataType}-{date}.zip}, with the {@code .CHECKSUM} beside it. The file name is read
 * by {@link ArchiveName}; the directories must agree with it, and name a combination the source publishes.
 */
public final class VisionPath {
  public static final String CHECKSUM_SUFFIX = ".CHECKSUM";

  private static final Pattern LAYOUT = Pattern.compile("data/(" + either(Market.values(), Market::path) + ")/("
      + either(Period.values(), Period::wire) + ")/(" + either(DataType.values(), DataType::wire)
      + ")/([^/]+)/(?:([^/]+)/)?([^/]+\\.zip)");

  private VisionPath() {
  }

  public static String key(ArchiveSpec spec) {
    StringBuilder path = new StringBuilder("data/")
        .append(spec.market().path())
        .append('/').append(spec.period().wire())
        .append('/').append(spec.dataType().wire())
        .append('/').append(spec.symbol()).append('/');
    if (spec.interval() != null) {
      path.append(spec.interval().wire()).append('/');
    }
    return path.append(spec.fileName()).toString();
  }

  /** Reads a key back into its archive; throws IllegalArgumentException when it is not a Binance Vision path. */
  public static ArchiveSpec parse(String key) {
    Matcher m = LAYOUT.matcher(key);
    DataType dataType = m.matches() ? DataType.fromWire(m.group(3)).orElseThrow() : null;
    ArchiveName name = dataType != null ? fileName(m.group(6), dataType) : null;
    if (name == null) {
      throw new IllegalArgumentException("not a Binance Vision archive path: " + key);
    }
    Market market = Market.fromPath(m.group(1)).orElseThrow();
    Period period = Period.fromWire(m.group(2)).orElseThrow();
    String intervalDirectory = m.group(5);
    boolean agrees = m.group(4).equals(name.symbol()) && dataType == name.dataType() && period == name.period()
        && Objects.equals(intervalDirectory, name.interval() == null ? null : name.interval().wire());
    try {
      if (agrees) {
        return new ArchiveSpec(market, period, dataType, name.symbol(), name.interval(), name.date());
      }
    } catch (IllegalArgumentException e) {
      // e.g. a daily 1w archive or spot metrics, which Binance does not publish: refused with the reason
      throw new IllegalArgumentException("not a published Binance Vision archive: " + key + " (" + e.getMessage() + ")");
    }
    throw new IllegalArgumentException("inconsistent Binance Vision archive path: " + key);
  }

  /** The name transfers in progress use in {@code <dataDir>/tmp}: the key flattened, so spot and futures differ. */
  public static String partName(String key) {
    return key.substring("data/".length()).replace('/', '_') + ".part";
  }

  private static ArchiveName fileName(String fileName, DataType directory) {
    try {
      return ArchiveName.ofFile(fileName, Optional.empty(), directory.klineKind() ? directory : DataType.KLINES);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static <W> String either(W[] words, Function<W, String> spelling) {
    return Arrays.stream(words).map(spelling).map(Pattern::quote).collect(Collectors.joining("|"));
  }
}
