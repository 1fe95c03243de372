import dev.vigie.demo.ArchiveGenerator;
import dev.vigie.vision.ArchiveSpec;
import dev.vigie.vision.DataType;
import dev.vigie.vision.Interval;
import dev.vigie.vision.Market;
import dev.vigie.vision.Period;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes one archive per data type with the demo's generator (every type in its documented columns), once: the
 * types whose rows follow the trades (bookTicker, trades, aggTrades) hold ROWS_PER_DAY rows a day; 1s klines a full
 * day; the others what their cadence gives. Prints "FILE KEY" lines for QualityBench.
 * Usage: GenerateEveryType DIR ROWS_PER_DAY
 */
public final class GenerateEveryType {
  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args[0]);
    ArchiveGenerator generator = new ArchiveGenerator(Long.parseLong(args[1]));
    List<ArchiveSpec> specs = List.of(
        new ArchiveSpec(Market.UM, Period.DAILY, DataType.BOOK_TICKER, "BTCUSDT", null, "2024-03-01"),
        new ArchiveSpec(Market.SPOT, Period.DAILY, DataType.TRADES, "BTCUSDT", null, "2025-03-03"),
        new ArchiveSpec(Market.UM, Period.DAILY, DataType.AGG_TRADES, "BTCUSDT", null, "2024-03-01"),
        new ArchiveSpec(Market.SPOT, Period.DAILY, DataType.KLINES, "BTCUSDT", Interval.ONE_SECOND, "2025-03-03"),
        new ArchiveSpec(Market.UM, Period.MONTHLY, DataType.MARK_PRICE_KLINES, "BTCUSDT", Interval.ONE_MINUTE, "2024-03"),
        new ArchiveSpec(Market.UM, Period.DAILY, DataType.BOOK_DEPTH, "BTCUSDT", null, "2024-03-01"),
        new ArchiveSpec(Market.UM, Period.DAILY, DataType.METRICS, "BTCUSDT", null, "2024-03-01"),
        new ArchiveSpec(Market.UM, Period.MONTHLY, DataType.FUNDING_RATE, "BTCUSDT", null, "2024-03"),
        new ArchiveSpec(Market.CM, Period.DAILY, DataType.LIQUIDATION_SNAPSHOT, "BTCUSD_PERP", null, "2024-03-01"),
        new ArchiveSpec(Market.OPTION, Period.DAILY, DataType.BVOL_INDEX, "BTCBVOLUSDT", null, "2024-03-01"),
        new ArchiveSpec(Market.OPTION, Period.DAILY, DataType.EOH_SUMMARY, "BTCUSDT", null, "2024-03-01"));
    for (ArchiveSpec spec : specs) {
      Path file = dir.resolve(spec.dataType().wire() + "-" + spec.fileName());
      if (!Files.exists(file)) {
        generator.write(spec, file);
      }
      System.out.println(file + " " + spec.key());
    }
  }
}
