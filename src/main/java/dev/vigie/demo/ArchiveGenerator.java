package dev.vigie.demo;

import dev.vigie.vision.ArchiveSpec;
import dev.vigie.vision.DataType;
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
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.SplittableRandom;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes Binance-Vision-format archives whose content follows from their path alone: one CSV per ZIP, a header row
 * on futures and none on spot, microsecond timestamps on spot from 2025-01-01. The same path always gives the same
 * bytes, so the mirror's CHECKSUM never changes. Rows stream to disk; nothing holds a file in memory.
 */
public final class ArchiveGenerator {
  private static final LocalDate MICROSECONDS_FROM = LocalDate.of(2025, 1, 1);
  private static final String KLINES_HEADER = "open_time,open,high,low,close,volume,close_time,quote_volume,count,"
      + "taker_buy_volume,taker_buy_quote_volume,ignore";
  private static final String TRADES_HEADER = "id,price,qty,quote_qty,time,is_buyer_maker";
  private static final String AGG_TRADES_HEADER =
      "agg_trade_id,price,quantity,first_trade_id,last_trade_id,transact_time,is_buyer_maker";

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
      writeRows(spec, csv);
      csv.flush();
      zip.closeEntry();
    }
    Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    return new Generated(target, Files.size(target), HexFormat.of().formatHex(digest.digest()));
  }

  private void writeRows(ArchiveSpec spec, Writer csv) throws IOException {
    SplittableRandom random = new SplittableRandom(seed(spec.key()));
    LocalDate first = spec.start();
    LocalDate end = spec.end();
    long startMs = first.atStartOfDay().toInstant(ZoneOffset.UTC).toEpochMilli();
    long spanMs = end.atStartOfDay().toInstant(ZoneOffset.UTC).toEpochMilli() - startMs;
    // Spot timestamps are in microseconds from 2025-01-01; futures stay in milliseconds.
    long unit = !spec.futures() && !first.isBefore(MICROSECONDS_FROM) ? 1000 : 1;
    double price = 10 + random.nextInt(60_000);
    StringBuilder row = new StringBuilder(160);
    switch (spec.dataType()) {
      case KLINES -> {
        if (spec.futures()) {
          csv.write(KLINES_HEADER + "\n");
        }
        // 1mo has no fixed length: its one row spans the month.
        long stepMs = spec.interval().millis() == 0 ? spanMs : spec.interval().millis();
        for (long t = startMs; t < startMs + spanMs; t += stepMs) {
          double open = price;
          price = Math.max(0.0001, price * (1 + (random.nextDouble() - 0.5) * 0.002));
          double high = Math.max(open, price) * (1 + random.nextDouble() * 0.0005);
          double low = Math.min(open, price) * (1 - random.nextDouble() * 0.0005);
          double volume = random.nextDouble() * 50;
          double takerVolume = volume * random.nextDouble();
          row.setLength(0);
          row.append(t * unit).append(',').append(decimal(open)).append(',').append(decimal(high)).append(',')
              .append(decimal(low)).append(',').append(decimal(price)).append(',').append(decimal(volume)).append(',')
              .append((t + stepMs) * unit - 1).append(',').append(decimal(volume * price)).append(',')
              .append(1 + random.nextInt(500)).append(',').append(decimal(takerVolume)).append(',')
              .append(decimal(takerVolume * price)).append(",0\n");
          csv.append(row);
        }
      }
      case TRADES, AGG_TRADES -> {
        boolean agg = spec.dataType() == DataType.AGG_TRADES;
        if (spec.futures()) {
          csv.write((agg ? AGG_TRADES_HEADER : TRADES_HEADER) + "\n");
        }
        long days = spanMs / 86_400_000L;
        long count = Math.max(1, tradesPerDay * days * (80 + random.nextInt(41)) / 100);
        long id = 1_000_000L + random.nextInt(1_000_000_000);
        long tradeId = id * 3;
        for (long i = 0; i < count; i++) {
          price = Math.max(0.0001, price * (1 + (random.nextDouble() - 0.5) * 0.0002));
          double qty = random.nextDouble() * 2;
          long time = (startMs + i * spanMs / count) * unit;
          boolean buyerMaker = random.nextBoolean();
          row.setLength(0);
          if (agg) {
            long trades = 1 + random.nextInt(4);
            row.append(id + i).append(',').append(decimal(price)).append(',').append(decimal(qty)).append(',')
                .append(tradeId).append(',').append(tradeId + trades - 1).append(',').append(time).append(',')
                .append(buyerMaker ? "True" : "False");
            tradeId += trades;
          } else {
            row.append(id + i).append(',').append(decimal(price)).append(',').append(decimal(qty)).append(',')
                .append(decimal(qty * price)).append(',').append(time).append(',').append(buyerMaker ? "True" : "False");
          }
          csv.append(spec.futures() ? row : row.append(",True")).append('\n');
        }
      }
    }
  }

  /** Eight decimals as Binance writes them; String.format would be most of the generation time. */
  static String decimal(double value) {
    long scaled = Math.round(value * 100_000_000d);
    long whole = scaled / 100_000_000L;
    String fraction = Long.toString(100_000_000L + scaled % 100_000_000L).substring(1);
    return whole + "." + fraction;
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
