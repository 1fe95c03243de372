package dev.vigie.store;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * The coverage heatmap's compact form: one character per ledger entry, a string per symbol with one position per
 * date from the first entry's to the last one's (every day, or every month), so five years of two hundred symbols is
 * about 365 KB instead of a JSON object per entry. Characters: {@code .} no entry; {@code a} absent, {@code l}
 * listed, {@code q} queued, {@code f} failed, {@code r} republished; a verified archive {@code v} (not scored yet),
 * {@code G} (score ≥ 95 % and no gap), {@code W} (score ≥ 80 %, or a gap), {@code C} (score under 80 %); {@code x} a
 * state this code does not know. The page's colours, decided here once. Meant for one series (a symbol's entries of
 * several series share its string).
 */
final class CoverageCell {
  static final char NONE = '.';
  /** The character of a row, in SQL (the database writes it next to the date it aggregates). */
  static final String CODE_SQL = "CASE state WHEN 'absent' THEN 'a' WHEN 'listed' THEN 'l' WHEN 'queued' THEN 'q'"
      + " WHEN 'failed' THEN 'f' WHEN 'republished' THEN 'r' WHEN 'verified' THEN CASE WHEN score_percent IS NULL"
      + " THEN 'v' WHEN score_percent < 80 THEN 'C' WHEN score_percent < 95 OR gaps > 0 THEN 'W' ELSE 'G' END"
      + " ELSE 'x' END"; // no question mark even in a literal: StoreDatabase.sql makes each one a PostgreSQL $n

  private CoverageCell() {
  }

  /** A grid sized by the rows of {@code SELECT state, COUNT(*), MIN(archive_date), MAX(archive_date)}. */
  static Grid grid(RowSet<Row> bounds, int maxCells) {
    JsonObject counts = new JsonObject();
    long total = 0;
    String first = null;
    String last = null;
    Map<String, Long> byState = new TreeMap<>();
    for (Row row : bounds) {
      byState.put(row.getString(0), row.getLong(1));
      total += row.getLong(1);
      first = first == null || row.getString(2).compareTo(first) < 0 ? row.getString(2) : first;
      last = last == null || row.getString(3).compareTo(last) > 0 ? row.getString(3) : last;
    }
    byState.forEach(counts::put);
    return new Grid(counts, total > maxCells ? null : first, last);
  }

  /** The answer being built: {@code {dates, symbols, cells, counts, truncated}}. */
  static final class Grid {
    private final JsonObject counts;
    private final boolean truncated;
    private final boolean monthly;
    private final long firstOrdinal;
    private final JsonArray dates = new JsonArray();
    private final Map<String, char[]> lines = new TreeMap<>();

    /** {@code first} is null when there is nothing to draw, or too much (counts only, truncated). */
    private Grid(JsonObject counts, String first, String last) {
      this.counts = counts;
      this.truncated = first == null && !counts.isEmpty();
      this.monthly = first != null && first.length() == 7;
      this.firstOrdinal = first == null ? 0 : ordinal(first, 0);
      if (first != null) {
        long span = ordinal(last, 0) - firstOrdinal + 1;
        for (long i = 0; i < span; i++) {
          dates.add(monthly ? YearMonth.of(1970, 1).plusMonths(firstOrdinal + i).toString()
              : LocalDate.ofEpochDay(firstOrdinal + i).toString());
        }
      }
    }

    boolean empty() {
      return dates.isEmpty();
    }

    /** One symbol's {@code date+code} elements, comma-separated. */
    void add(String symbol, String elements) {
      char[] line = lines.computeIfAbsent(symbol, s -> {
        char[] none = new char[dates.size()];
        Arrays.fill(none, NONE);
        return none;
      });
      int dateLength = monthly ? 7 : 10;
      for (int at = 0; at + dateLength < elements.length(); at += dateLength + 2) {
        int index = (int) (ordinal(elements, at) - firstOrdinal);
        if (index >= 0 && index < line.length) {
          line[index] = elements.charAt(at + dateLength);
        }
      }
    }

    JsonObject answer() {
      JsonArray symbols = new JsonArray();
      JsonArray cells = new JsonArray();
      lines.forEach((symbol, line) -> {
        symbols.add(symbol);
        cells.add(new String(line));
      });
      return new JsonObject().put("dates", dates).put("symbols", symbols).put("cells", cells).put("counts", counts)
          .put("truncated", truncated);
    }

    /** Days since 1970-01-01 of {@code YYYY-MM-DD}, or months since 1970-01 of {@code YYYY-MM}, at {@code at}. */
    private long ordinal(String text, int at) {
      int year = number(text, at, 4);
      int month = number(text, at + 5, 2);
      if (monthly) {
        return (year - 1970) * 12L + month - 1;
      }
      return LocalDate.of(year, month, number(text, at + 8, 2)).toEpochDay();
    }
  }

  private static int number(String text, int at, int digits) {
    int value = 0;
    for (int i = at; i < at + digits; i++) {
      value = value * 10 + text.charAt(i) - '0';
    }
    return value;
  }
}
