import dev.vigie.demo.ArchiveGenerator;
import dev.vigie.vision.ArchiveSpec;
import dev.vigie.vision.DataType;
import dev.vigie.vision.Interval;
import dev.vigie.vision.Market;
import dev.vigie.vision.Period;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the archives of the side by side with the demo's generator (every type in its documented columns), once.
 * The types whose rows follow the trades (bookTicker, trades, aggTrades) are one day of ROWS_PER_DAY rows, and 1s
 * klines one full day: one file each. The small types are measured the way a user holds them, as many files: DAYS
 * daily files from 2024-03-01 (1m klines, bookDepth, metrics, liquidationSnapshot, BVOLIndex, EOHSummary), twelve
 * monthly fundingRate files and three monthly 1m markPriceKlines files.
 * Prints "GROUP FILE KEY" lines (a group: one type, all its files) for TypeScanBench.
 * Usage: GenerateEveryType DIR ROWS_PER_DAY [DAYS]
 */
public final class GenerateEveryType {
  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args[0]);
    ArchiveGenerator generator = new ArchiveGenerator(Long.parseLong(args[1]));
    int days = args.length > 2 ? Integer.parseInt(args[2]) : 30;
    Map<String, List<ArchiveSpec>> groups = new LinkedHashMap<>();
    one(groups, "bookTicker", new ArchiveSpec(Market.UM, Period.DAILY, DataType.BOOK_TICKER, "BTCUSDT", null, "2024-03-01"));
    one(groups, "trades", new ArchiveSpec(Market.SPOT, Period.DAILY, DataType.TRADES, "BTCUSDT", null, "2025-03-03"));
    one(groups, "aggTrades", new ArchiveSpec(Market.UM, Period.DAILY, DataType.AGG_TRADES, "BTCUSDT", null, "2024-03-01"));
    one(groups, "klines-1s", new ArchiveSpec(Market.SPOT, Period.DAILY, DataType.KLINES, "BTCUSDT", Interval.ONE_SECOND, "2025-03-03"));
    for (int m = 0; m < 3; m++) {
      one(groups, "markPriceKlines-1m-x3-months", new ArchiveSpec(Market.UM, Period.MONTHLY, DataType.MARK_PRICE_KLINES,
          "BTCUSDT", Interval.ONE_MINUTE, YearMonth.of(2024, 1).plusMonths(m).toString()));
    }
    for (int d = 0; d < days; d++) {
      String day = LocalDate.of(2024, 3, 1).plusDays(d).toString();
      one(groups, "klines-1m-x" + days + "-days", new ArchiveSpec(Market.SPOT, Period.DAILY, DataType.KLINES, "BTCUSDT",
          Interval.ONE_MINUTE, day));
      one(groups, "bookDepth-x" + days + "-days", new ArchiveSpec(Market.UM, Period.DAILY, DataType.BOOK_DEPTH, "BTCUSDT", null, day));
      one(groups, "metrics-x" + days + "-days", new ArchiveSpec(Market.UM, Period.DAILY, DataType.METRICS, "BTCUSDT", null, day));
      one(groups, "liquidationSnapshot-x" + days + "-days", new ArchiveSpec(Market.CM, Period.DAILY,
          DataType.LIQUIDATION_SNAPSHOT, "BTCUSD_PERP", null, day));
      one(groups, "BVOLIndex-x" + days + "-days", new ArchiveSpec(Market.OPTION, Period.DAILY, DataType.BVOL_INDEX,
          "BTCBVOLUSDT", null, day));
      one(groups, "EOHSummary-x" + days + "-days", new ArchiveSpec(Market.OPTION, Period.DAILY, DataType.EOH_SUMMARY,
          "BTCUSDT", null, day));
    }
    for (int m = 0; m < 12; m++) {
      one(groups, "fundingRate-x12-months", new ArchiveSpec(Market.UM, Period.MONTHLY, DataType.FUNDING_RATE, "BTCUSDT",
          null, YearMonth.of(2023, 4).plusMonths(m).toString()));
    }
    for (Map.Entry<String, List<ArchiveSpec>> group : groups.entrySet()) {
      for (ArchiveSpec spec : group.getValue()) {
        Path file = dir.resolve(spec.dataType().wire() + "-" + spec.fileName());
        if (!Files.exists(file)) {
          generator.write(spec, file);
        }
        System.out.println(group.getKey() + " " + file + " " + spec.key());
      }
    }
  }

  private static void one(Map<String, List<ArchiveSpec>> groups, String group, ArchiveSpec spec) {
    groups.computeIfAbsent(group, g -> new ArrayList<>()).add(spec);
  }
}
