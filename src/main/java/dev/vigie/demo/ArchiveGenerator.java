package dev.vigie.demo;

import dev.vigie.vision.ArchiveSpec;
import dev.vigie.vision.DataType;
import dev.vigie.vision.Market;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes Binance-Vision-format archives of every data type whose content follows from their path alone: one CSV per
 * ZIP in the type's documented columns, a header row on futures and options and none on spot, microsecond
 * timestamps on spot from 2025-01-01. The same path always gives the same
 * bytes, so the mirror's CHECKSUM never changes. Rows stream to disk; nothing holds a file in memory.
 */
public final class ArchiveGenerator {
  private static final LocalDate MICROSECONDS_FROM = LocalDate.of(2025, 1, 1);
  private static final long DAY_MS = 86_400_000L;
  private static final long BOOK_DEPTH_STEP_MS = 30_000L;
  private static final long FUNDING_STEP_MS = 8 * 3_600_000L;
  private static final long METRICS_STEP_MS = 300_000L;
  private static final long BVOL_STEP_MS = 10_000L;
  private static final int EOH_STRIKES = 3;
  private static final DateTimeFormatter TEXT_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
      .withZone(ZoneOffset.UTC);
  private static final String KLINES_HEADER = "open_time,open,high,low,close,volume,close_time,quote_volume,count,"
      + "taker_buy_volume,taker_buy_quote_volume,ignore";
  /** Each type's header row, as futures and options files carry it (the documented column names). */
  private static final Map<DataType, String> HEADERS = headers();

  private final long tradesPerDay;

  /** @param tradesPerDay about how many trades a generated day holds (monthly files hold a month of days) */
  public ArchiveGenerator(long tradesPerDay) {
    this.tradesPerDay = tradesPerDay;
  }

  /** A generated archive on disk. */
  public record Generated(Path path, long size, String sha256) {
  }

  /** Writes the archive for {@code spec} at {@code target} (through a temporary file) and returns its digest. */
  public Generated write(ArchiveSpec spec, Path target) throws IOException {
    return write(spec, target, 0, false);
  }

  /**
   * As {@link #write(ArchiveSpec, Path)}, for the {@code revision}-th publication of the archive: revision 0 is the
   * first, each later one holds other (equally valid) rows, so its checksum differs, as when Binance re-publishes.
   * {@code partial} cuts klines short at half the period, as Binance's partly published days (a gap to the end).
   */
  public Generated write(ArchiveSpec spec, Path target, int revision, boolean partial) throws IOException {
    Files.createDirectories(target.getParent());
    Path temporary = target.resolveSibling(target.getFileName() + ".gen");
    MessageDigest digest = sha256();
    try (OutputStream file = Files.newOutputStream(temporary);
         DigestOutputStream digesting = new DigestOutputStream(new BufferedOutputStream(file, 1 << 16), digest);
         ZipOutputStream zip = new ZipOutputStream(digesting)) {
      ZipEntry entry = new ZipEntry(spec.entryName());
      // A fixed local time keeps the bytes identical whatever the machine's time zone.
      entry.setTimeLocal(LocalDateTime.of(2020, 1, 1, 0, 0));
      zip.putNextEntry(entry);
      Writer csv = new OutputStreamWriter(zip, StandardCharsets.US_ASCII);
      writeRows(spec, revision, partial, csv);
      csv.flush();
      zip.closeEntry();
    }
    Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    return new Generated(target, Files.size(target), HexFormat.of().formatHex(digest.digest()));
  }

  private void writeRows(ArchiveSpec spec, int revision, boolean partial, Writer csv) throws IOException {
    SplittableRandom random = new SplittableRandom(seed(revision == 0 ? spec.key() : spec.key() + "#" + revision));
    LocalDate first = spec.start();
    long startMs = first.atStartOfDay().toInstant(ZoneOffset.UTC).toEpochMilli();
    long spanMs = spec.end().atStartOfDay().toInstant(ZoneOffset.UTC).toEpochMilli() - startMs;
    // Spot timestamps are in microseconds from 2025-01-01; futures and options stay in milliseconds.
    long unit = spec.market() == Market.SPOT && !first.isBefore(MICROSECONDS_FROM) ? 1000 : 1;
    Span span = new Span(spec, startMs, spanMs, unit, random, csv, partial);
    // Spot files carry no header row; futures and options files do.
    if (spec.market() != Market.SPOT) {
      csv.write(HEADERS.get(spec.dataType()) + "\n");
    }
    switch (spec.dataType()) {
      case KLINES, INDEX_PRICE_KLINES, MARK_PRICE_KLINES, PREMIUM_INDEX_KLINES -> klines(span);
      case TRADES, AGG_TRADES -> trades(span);
      case BOOK_TICKER -> bookTicker(span);
      case BOOK_DEPTH -> bookDepth(span);
      case FUNDING_RATE -> fundingRate(span);
      case METRICS -> metrics(span);
      case LIQUIDATION_SNAPSHOT -> liquidationSnapshot(span);
      case BVOL_INDEX -> bvolIndex(span);
      case EOH_SUMMARY -> eohSummary(span);
    }
  }

  /** What every type's rows are made from: the archive, its period, the file's time unit and the seeded random. */
  private record Span(ArchiveSpec spec, long startMs, long spanMs, long unit, SplittableRandom random, Writer csv,
      boolean partial) {
    long endMs() {
      return startMs + spanMs;
    }

    long days() {
      return spanMs / DAY_MS;
    }

    double firstPrice() {
      return 10 + random.nextInt(60_000);
    }
  }

  private static void klines(Span s) throws IOException {
    boolean premium = s.spec().dataType() == DataType.PREMIUM_INDEX_KLINES;
    boolean traded = s.spec().dataType() == DataType.KLINES;
    // 1mo has no fixed length: its one row spans the month.
    long stepMs = s.spec().interval().millis() == 0 ? s.spanMs() : s.spec().interval().millis();
    double price = premium ? 0.0001 : s.firstPrice();
    StringBuilder row = new StringBuilder(160);
    long endMs = s.partial() ? s.startMs() + s.spanMs() / 2 : s.endMs();
    for (long t = s.startMs(); t < endMs; t += stepMs) {
      double open = price;
      price = premium ? (s.random().nextDouble() - 0.5) * 0.001
          : Math.max(0.0001, price * (1 + (s.random().nextDouble() - 0.5) * 0.002));
      double high = Math.max(open, price) + Math.abs(price) * s.random().nextDouble() * 0.0005;
      double low = Math.min(open, price) - Math.abs(price) * s.random().nextDouble() * 0.0005;
      // Index, mark and premium index klines are prices only: their volumes and counts are zero.
      double volume = traded ? s.random().nextDouble() * 50 : 0;
      double takerVolume = volume * s.random().nextDouble();
      row.setLength(0);
      row.append(t * s.unit()).append(',').append(decimal(open)).append(',').append(decimal(high)).append(',')
          .append(decimal(low)).append(',').append(decimal(price)).append(',').append(decimal(volume)).append(',')
          .append((t + stepMs) * s.unit() - 1).append(',').append(decimal(volume * price)).append(',')
          .append(traded ? 1 + s.random().nextInt(500) : 0).append(',').append(decimal(takerVolume)).append(',')
          .append(decimal(takerVolume * price)).append(",0\n");
      s.csv().append(row);
    }
  }

  private void trades(Span s) throws IOException {
    boolean agg = s.spec().dataType() == DataType.AGG_TRADES;
    long count = Math.max(1, tradesPerDay * s.days() * (80 + s.random().nextInt(41)) / 100);
    long id = 1_000_000L + s.random().nextInt(1_000_000_000);
    long tradeId = id * 3;
    double price = s.firstPrice();
    StringBuilder row = new StringBuilder(160);
    for (long i = 0; i < count; i++) {
      price = Math.max(0.0001, price * (1 + (s.random().nextDouble() - 0.5) * 0.0002));
      double qty = s.random().nextDouble() * 2;
      long time = (s.startMs() + i * s.spanMs() / count) * s.unit();
      boolean buyerMaker = s.random().nextBoolean();
      row.setLength(0);
      if (agg) {
        long trades = 1 + s.random().nextInt(4);
        row.append(id + i).append(',').append(decimal(price)).append(',').append(decimal(qty)).append(',')
            .append(tradeId).append(',').append(tradeId + trades - 1).append(',').append(time).append(',')
            .append(buyerMaker ? "True" : "False");
        tradeId += trades;
      } else {
        row.append(id + i).append(',').append(decimal(price)).append(',').append(decimal(qty)).append(',')
            .append(decimal(qty * price)).append(',').append(time).append(',').append(buyerMaker ? "True" : "False");
      }
      s.csv().append(s.spec().futures() ? row : row.append(",True")).append('\n');
    }
  }

  private void bookTicker(Span s) throws IOException {
    long count = Math.max(1, tradesPerDay * s.days());
    long updateId = 1_000_000_000L + s.random().nextInt(1_000_000_000);
    double mid = s.firstPrice();
    StringBuilder row = new StringBuilder(120);
    for (long i = 0; i < count; i++) {
      mid = Math.max(1, mid * (1 + (s.random().nextDouble() - 0.5) * 0.0002));
      double spread = mid * 0.0001 * (1 + s.random().nextInt(3));
      long time = s.startMs() + i * s.spanMs() / count;
      updateId += 1 + s.random().nextInt(40);
      row.setLength(0);
      row.append(updateId).append(',').append(decimal(mid - spread / 2)).append(',')
          .append(decimal(s.random().nextDouble() * 10)).append(',').append(decimal(mid + spread / 2)).append(',')
          .append(decimal(s.random().nextDouble() * 10)).append(',').append(time).append(',')
          .append(time + s.random().nextInt(5)).append('\n');
      s.csv().append(row);
    }
  }

  private static void bookDepth(Span s) throws IOException {
    double notionalPerUnit = s.firstPrice();
    StringBuilder row = new StringBuilder(80);
    for (long t = s.startMs(); t < s.endMs(); t += BOOK_DEPTH_STEP_MS) {
      // Roughly every half minute, a few seconds late, as Binance's snapshots come.
      String time = dateTime(t + s.random().nextInt(10_000));
      for (int side : new int[] {-1, 1}) {
        double depth = 0;
        for (int level = 1; level <= 5; level++) {
          depth += 50 + s.random().nextDouble() * 500;
          row.setLength(0);
          row.append(time).append(',').append(side * level).append(".00,").append(decimal(depth)).append(',')
              .append(decimal(depth * notionalPerUnit)).append('\n');
          s.csv().append(row);
        }
      }
    }
  }

  private static void fundingRate(Span s) throws IOException {
    for (long t = s.startMs(); t < s.endMs(); t += FUNDING_STEP_MS) {
      // Binance's calculation lands a few milliseconds after the hour.
      s.csv().append(Long.toString(t + s.random().nextInt(10))).append(",8,")
          .append(decimal((s.random().nextDouble() - 0.3) * 0.0002)).append('\n');
    }
  }

  private static void metrics(Span s) throws IOException {
    double openInterest = 10_000 + s.random().nextInt(100_000);
    double price = s.firstPrice();
    StringBuilder row = new StringBuilder(160);
    for (long t = s.startMs(); t < s.endMs(); t += METRICS_STEP_MS) {
      openInterest *= 1 + (s.random().nextDouble() - 0.5) * 0.002;
      row.setLength(0);
      row.append(dateTime(t)).append(',').append(s.spec().symbol()).append(',').append(decimal(openInterest))
          .append(',').append(decimal(openInterest * price)).append(',').append(decimal(0.5 + s.random().nextDouble()))
          .append(',').append(decimal(0.5 + s.random().nextDouble())).append(',')
          .append(decimal(0.5 + s.random().nextDouble())).append(',').append(decimal(0.5 + s.random().nextDouble()))
          .append('\n');
      s.csv().append(row);
    }
  }

  private static void liquidationSnapshot(Span s) throws IOException {
    int count = 50 + s.random().nextInt(150);
    double price = s.firstPrice();
    StringBuilder row = new StringBuilder(120);
    for (int i = 0; i < count; i++) {
      long time = s.startMs() + (long) i * s.spanMs() / count + s.random().nextInt(1000);
      double quantity = 0.001 + s.random().nextDouble() * 5;
      double lastFill = quantity * s.random().nextDouble();
      row.setLength(0);
      row.append(time * s.unit()).append(',').append(s.random().nextBoolean() ? "BUY" : "SELL")
          .append(",LIMIT,IOC,").append(decimal(quantity)).append(',').append(decimal(price)).append(',')
          .append(decimal(price * 1.0001)).append(",FILLED,").append(decimal(lastFill)).append(',')
          .append(decimal(quantity)).append('\n');
      s.csv().append(row);
    }
  }

  private static void bvolIndex(Span s) throws IOException {
    String symbol = s.spec().symbol();
    int bvol = symbol.indexOf("BVOL");
    String base = bvol > 0 ? symbol.substring(0, bvol) : symbol;
    String quote = bvol > 0 ? symbol.substring(bvol + 4) : "USDT";
    double index = 40 + s.random().nextInt(40);
    StringBuilder row = new StringBuilder(80);
    for (long t = s.startMs(); t < s.endMs(); t += BVOL_STEP_MS) {
      index = Math.max(1, index * (1 + (s.random().nextDouble() - 0.5) * 0.001));
      row.setLength(0);
      row.append(t + s.random().nextInt(100)).append(',').append(symbol).append(',').append(base).append(',')
          .append(quote).append(',').append(decimal(index)).append('\n');
      s.csv().append(row);
    }
  }

  private static void eohSummary(Span s) throws IOException {
    String date = s.spec().date();
    String underlying = s.spec().symbol();
    double spot = s.firstPrice();
    String expiry = s.spec().end().plusDays(6).toString().replace("-", "").substring(2);
    StringBuilder row = new StringBuilder(300);
    for (int hour = 0; hour < 24; hour++) {
      for (int strike = 0; strike < EOH_STRIKES; strike++) {
        for (String type : new String[] {"C", "P"}) {
          long strikePrice = Math.round(spot * (0.9 + 0.05 * strike));
          double mark = spot * 0.02 * (1 + s.random().nextDouble());
          double low = mark * 0.98;
          double high = mark * 1.02;
          double bid = mark * 0.99;
          row.setLength(0);
          row.append(date).append(',').append(hour).append(',').append(underlying.replace("USDT", "")).append('-')
              .append(expiry).append('-').append(strikePrice).append('-').append(type).append(',')
              .append(underlying).append(',').append(type).append(',').append(strikePrice).append(',')
              .append(decimal(mark)).append(',').append(decimal(high)).append(',').append(decimal(low)).append(',')
              .append(decimal(mark)).append(',').append(decimal(s.random().nextDouble() * 10)).append(',')
              .append(decimal(mark * 3)).append(',').append(decimal(bid)).append(',').append(decimal(mark * 1.01))
              .append(',').append(decimal(s.random().nextDouble() * 5)).append(',')
              .append(decimal(s.random().nextDouble() * 5)).append(",0.55,0.57,").append(decimal(mark))
              .append(",0.56,").append(type.equals("C") ? "0.5" : "-0.5").append(",0.0001,12.5,-30.2,")
              .append(decimal(s.random().nextDouble() * 100)).append(',').append(decimal(mark * 50)).append('\n');
          s.csv().append(row);
        }
      }
    }
  }

  /** {@code YYYY-MM-DD HH:MM:SS} in UTC, as metrics and bookDepth write their times. */
  static String dateTime(long epochMs) {
    return TEXT_TIME.format(Instant.ofEpochMilli(epochMs));
  }

  /** Eight decimals as Binance writes them; String.format would be most of the generation time. */
  static String decimal(double value) {
    if (value < 0) {
      return "-" + decimal(-value);
    }
    long scaled = Math.round(value * 100_000_000d);
    long whole = scaled / 100_000_000L;
    String fraction = Long.toString(100_000_000L + scaled % 100_000_000L).substring(1);
    return whole + "." + fraction;
  }

  private static Map<DataType, String> headers() {
    Map<DataType, String> headers = new EnumMap<>(DataType.class);
    for (DataType type : DataType.values()) {
      if (type.klineKind()) {
        headers.put(type, KLINES_HEADER);
      }
    }
    headers.put(DataType.TRADES, "id,price,qty,quote_qty,time,is_buyer_maker");
    headers.put(DataType.AGG_TRADES,
        "agg_trade_id,price,quantity,first_trade_id,last_trade_id,transact_time,is_buyer_maker");
    headers.put(DataType.BOOK_TICKER,
        "update_id,best_bid_price,best_bid_qty,best_ask_price,best_ask_qty,transaction_time,event_time");
    headers.put(DataType.BOOK_DEPTH, "timestamp,percentage,depth,notional");
    headers.put(DataType.FUNDING_RATE, "calc_time,funding_interval_hours,last_funding_rate");
    headers.put(DataType.METRICS, "create_time,symbol,sum_open_interest,sum_open_interest_value,"
        + "count_toptrader_long_short_ratio,sum_toptrader_long_short_ratio,count_long_short_ratio,"
        + "sum_taker_long_short_vol_ratio");
    headers.put(DataType.LIQUIDATION_SNAPSHOT, "time,side,order_type,time_in_force,original_quantity,price,"
        + "average_price,order_status,last_fill_quantity,accumulated_fill_quantity");
    headers.put(DataType.BVOL_INDEX, "calc_time,symbol,base_asset,quote_asset,index_value");
    headers.put(DataType.EOH_SUMMARY, "date,hour,symbol,underlying,type,strike,open,high,low,close,"
        + "volume_contracts,volume_usdt,best_bid_price,best_ask_price,best_bid_qty,best_ask_qty,best_buy_iv,"
        + "best_sell_iv,mark_price,mark_iv,delta,gamma,vega,theta,openinterest_contracts,openinterest_usdt");
    return headers;
  }

  /** FNV-1a: a stable 64-bit seed from the path, the same on every JVM. */
  static long seed(String key) {
    long hash = 0xcbf29ce484222325L;
    for (int i = 0; i < key.length(); i++) {
      hash ^= key.charAt(i);
      hash *= 0x100000001b3L;
    }
    return hash;
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JVM has no SHA-256", e);
    }
  }
}
