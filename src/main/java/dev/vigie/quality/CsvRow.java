package dev.vigie.quality;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * One CSV line seen through the shared buffer: field bounds are found once, then fields are parsed straight from
 * the bytes, so reading a row allocates nothing. Binance CSVs have no quoting, so a comma always ends a field.
 */
public final class CsvRow {
  /** Returned by {@link #longAt} for an empty, non-numeric or overflowing field. */
  public static final long NOT_A_LONG = Long.MIN_VALUE;

  private static final int MAX_FIELDS = 32;
  private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long COMMAS = 0x2C2C2C2C2C2C2C2CL;
  private static final long ONES = 0x0101010101010101L;
  private static final long HIGHS = 0x8080808080808080L;
  private static final long DOTS = 0x2E2E2E2E2E2E2E2EL;
  private static final long ZEROS = 0x3030303030303030L;
  private static final long HIGH_NIBBLES = 0xF0F0F0F0F0F0F0F0L;
  private static final double[] POW10 = new double[23];
  private static final long[] WHOLE_POW10 = new long[19];

  static {
    POW10[0] = 1;
    for (int i = 1; i < POW10.length; i++) {
      POW10[i] = POW10[i - 1] * 10;
    }
    WHOLE_POW10[0] = 1;
    for (int i = 1; i < WHOLE_POW10.length; i++) {
      WHOLE_POW10[i] = WHOLE_POW10[i - 1] * 10;
    }
  }

  private final int[] starts = new int[MAX_FIELDS];
  private final int[] ends = new int[MAX_FIELDS];
  private byte[] buf;
  private int count;

  /** Points the row at {@code buf[start, end)}; counts every field but keeps bounds of the first 32. */
  public void split(byte[] buf, int start, int end) {
    this.buf = buf;
    int n = 0;
    int fieldStart = start;
    int i = start;
    // Eight bytes at a time. Only the lowest flagged byte is exact (a '-' after a comma can be flagged by the
    // borrow), so after each comma the bytes up to it are set to 0xFF and the word is searched again.
    for (; i + 8 <= end; i += 8) {
      long x = (long) LONGS.get(buf, i) ^ COMMAS;
      long found = (x - ONES) & ~x & HIGHS;
      while (found != 0) {
        int b = Long.numberOfTrailingZeros(found) >>> 3;
        if (n < MAX_FIELDS) {
          starts[n] = fieldStart;
          ends[n] = i + b;
        }
        n++;
        fieldStart = i + b + 1;
        if (b == 7) {
          break;
        }
        x |= ~(-1L << ((b + 1) << 3));
        found = (x - ONES) & ~x & HIGHS;
      }
    }
    for (; i < end; i++) {
      if (buf[i] == ',') {
        if (n < MAX_FIELDS) {
          starts[n] = fieldStart;
          ends[n] = i;
        }
        n++;
        fieldStart = i + 1;
      }
    }
    if (n < MAX_FIELDS) {
      starts[n] = fieldStart;
      ends[n] = end;
    }
    count = n + 1;
  }

  public int count() {
    return count;
  }

  /** A whole number, optionally negative; {@link #NOT_A_LONG} when the field is not one or has over 18 digits. */
  public long longAt(int field) {
    int p = starts[field];
    int e = ends[field];
    boolean negative = p < e && buf[p] == '-';
    if (negative) {
      p++;
    }
    if (p == e || e - p > 18) {
      return NOT_A_LONG;
    }
    long value = wholeDigits(p, e);
    if (value < 0) {
      return NOT_A_LONG;
    }
    return negative ? -value : value;
  }

  /**
   * A plain decimal ({@code -12.3400}), NaN when the field is anything else (empty, exponent, two dots, letters).
   * Exact to the double nearest the written value for up to 17 significant digits, so comparisons of prices hold.
   */
  public double decimalAt(int field) {
    return decimal(field, false);
  }

  /**
   * A decimal as {@link #decimalAt} reads it, or one in scientific notation ({@code 0E-8}, {@code 1.5e3}): Binance
   * writes some options figures as Java's BigDecimal prints them. NaN when the field is neither.
   */
  public double scientificAt(int field) {
    return decimal(field, true);
  }

  /** True when the field holds nothing ({@code a,,b}). */
  public boolean emptyAt(int field) {
    return starts[field] == ends[field];
  }

  private double decimal(int field, boolean exponentAllowed) {
    int p = starts[field];
    int e = ends[field];
    boolean negative = p < e && buf[p] == '-';
    if (negative) {
      p++;
    }
    // The usual field, a plain decimal of at most 18 digits: both runs of digits eight at a time, one division.
    int dot = indexOfDot(p, e);
    int wholeEnd = dot < 0 ? e : dot;
    int fractionStart = dot < 0 ? e : dot + 1;
    int fractionDigits = e - fractionStart;
    int count = wholeEnd - p + fractionDigits;
    if (count > 0 && count <= 18) {
      long whole = wholeEnd > p ? wholeDigits(p, wholeEnd) : 0;
      long fractionValue = fractionDigits > 0 ? wholeDigits(fractionStart, e) : 0;
      if (whole >= 0 && fractionValue >= 0) {
        double value = whole * WHOLE_POW10[fractionDigits] + fractionValue;
        if (fractionDigits > 0) {
          value /= POW10[fractionDigits];
        }
        return negative ? -value : value;
      }
    }
    return slowDecimal(p, e, negative, exponentAllowed);
  }

  /** Every other case: over 18 digits, an exponent, or not a number at all (NaN). */
  private double slowDecimal(int p, int e, boolean negative, boolean exponentAllowed) {
    long mantissa = 0;
    int digits = 0;
    int fraction = -1;
    int exponent = 0;
    for (; p < e; p++) {
      byte b = buf[p];
      int digit = b - '0';
      if (digit >= 0 && digit <= 9) {
        digits++;
        if (mantissa < 100_000_000_000_000_000L) {
          mantissa = mantissa * 10 + digit;
          if (fraction >= 0) {
            fraction++;
          }
        } else if (fraction < 0) {
          exponent++;
        }
      } else if (b == '.' && fraction < 0) {
        fraction = 0;
      } else if (exponentAllowed && (b == 'E' || b == 'e') && digits > 0) {
        int written = exponentOf(p + 1, e);
        if (written == Integer.MIN_VALUE) {
          return Double.NaN;
        }
        exponent += written;
        break;
      } else {
        return Double.NaN;
      }
    }
    if (digits == 0) {
      return Double.NaN;
    }
    double value = mantissa;
    int scale = exponent - Math.max(fraction, 0);
    if (scale < 0) {
      value = -scale < POW10.length ? value / POW10[-scale] : value / Math.pow(10, -scale);
    } else if (scale > 0) {
      value = value * Math.pow(10, scale);
    }
    return negative ? -value : value;
  }

  /** The value of the ASCII digits in {@code buf[p, e)} (at most 18), or -1 when one of them is not a digit. */
  private long wholeDigits(int p, int e) {
    long value = 0;
    for (; p + 8 <= e; p += 8) {
      long word = (long) LONGS.get(buf, p);
      if (!eightDigits(word)) {
        return -1;
      }
      value = value * 100_000_000L + eightDigitsValue(word);
    }
    int rest = e - p;
    if (rest == 0) {
      return value;
    }
    if (e >= 8) {
      // The last eight bytes of the field, its leading ones (already read, or before it) turned into '0's.
      int keep = (8 - rest) << 3;
      long word = (long) LONGS.get(buf, e - 8);
      word = word & (-1L << keep) | ZEROS & ~(-1L << keep);
      return eightDigits(word) ? value * WHOLE_POW10[rest] + eightDigitsValue(word) : -1;
    }
    for (; p < e; p++) {
      int digit = buf[p] - '0';
      if (digit < 0 || digit > 9) {
        return -1;
      }
      value = value * 10 + digit;
    }
    return value;
  }

  /** Whether the eight bytes of {@code word} are all ASCII digits (0x30..0x39). */
  private static boolean eightDigits(long word) {
    return ((word & HIGH_NIBBLES) | (((word + 0x0606060606060606L) & HIGH_NIBBLES) >>> 4)) == 0x3333333333333333L;
  }

  /** The number eight ASCII digits write, the first one in the lowest byte: pairs, then fours, then all eight. */
  private static long eightDigitsValue(long word) {
    long v = word - ZEROS;
    v = (v * 10 + (v >>> 8)) & 0x00FF00FF00FF00FFL;
    v = (v * 100 + (v >>> 16)) & 0x0000FFFF0000FFFFL;
    return (v * 10000 + (v >>> 32)) & 0xFFFFFFFFL;
  }

  /** The first '.' in {@code buf[p, e)}, or -1; eight bytes at a time while the buffer has them. */
  private int indexOfDot(int p, int e) {
    int i = p;
    for (; i < e && i + 8 <= buf.length; i += 8) {
      long x = (long) LONGS.get(buf, i) ^ DOTS;
      long found = (x - ONES) & ~x & HIGHS;
      if (found != 0) {
        int at = i + (Long.numberOfTrailingZeros(found) >>> 3);
        return at < e ? at : -1;
      }
    }
    for (; i < e; i++) {
      if (buf[i] == '.') {
        return i;
      }
    }
    return -1;
  }

  /** The signed exponent written in {@code buf[p, e)} (at most three digits), or MIN_VALUE when it is not one. */
  private int exponentOf(int p, int e) {
    boolean negative = p < e && buf[p] == '-';
    if (p < e && (buf[p] == '-' || buf[p] == '+')) {
      p++;
    }
    if (p == e || e - p > 3) {
      return Integer.MIN_VALUE;
    }
    int value = 0;
    for (; p < e; p++) {
      int digit = buf[p] - '0';
      if (digit < 0 || digit > 9) {
        return Integer.MIN_VALUE;
      }
      value = value * 10 + digit;
    }
    return negative ? -value : value;
  }

  /** 1 for true, 0 for false (any case), -1 for anything else. */
  public int booleanAt(int field) {
    int p = starts[field];
    int len = ends[field] - p;
    if (len == 4 && (buf[p] | 0x20) == 't' && (buf[p + 1] | 0x20) == 'r' && (buf[p + 2] | 0x20) == 'u'
        && (buf[p + 3] | 0x20) == 'e') {
      return 1;
    }
    if (len == 5 && (buf[p] | 0x20) == 'f' && (buf[p + 1] | 0x20) == 'a' && (buf[p + 2] | 0x20) == 'l'
        && (buf[p + 3] | 0x20) == 's' && (buf[p + 4] | 0x20) == 'e') {
      return 0;
    }
    return -1;
  }

  /**
   * A UTC date ({@code 2024-03-01}) or date and time ({@code 2024-03-01 00:05:00}) as epoch milliseconds, or
   * {@link #NOT_A_LONG} when the field is neither (metrics, bookDepth and EOHSummary write times this way).
   */
  public long dateTimeAt(int field) {
    int p = starts[field];
    int len = ends[field] - p;
    if (len != 10 && len != 19 || buf[p + 4] != '-' || buf[p + 7] != '-') {
      return NOT_A_LONG;
    }
    int year = digits(p, 4);
    int month = digits(p + 5, 2);
    int day = digits(p + 8, 2);
    if (year < 0 || month < 1 || month > 12 || day < 1 || day > daysIn(year, month)) {
      return NOT_A_LONG;
    }
    long seconds = 0;
    if (len == 19) {
      int hour = digits(p + 11, 2);
      int minute = digits(p + 14, 2);
      int second = digits(p + 17, 2);
      if (buf[p + 10] != ' ' || buf[p + 13] != ':' || buf[p + 16] != ':' || hour < 0 || hour > 23 || minute < 0
          || minute > 59 || second < 0 || second > 59) {
        return NOT_A_LONG;
      }
      seconds = hour * 3600L + minute * 60L + second;
    }
    return (epochDay(year, month, day) * 86_400L + seconds) * 1000L;
  }

  /** True when the field is exactly {@code word} (ASCII bytes). */
  public boolean fieldIs(int field, byte[] word) {
    int p = starts[field];
    if (ends[field] - p != word.length) {
      return false;
    }
    for (int i = 0; i < word.length; i++) {
      if (buf[p + i] != word[i]) {
        return false;
      }
    }
    return true;
  }

  private int digits(int p, int n) {
    int value = 0;
    for (int i = p; i < p + n; i++) {
      int digit = buf[i] - '0';
      if (digit < 0 || digit > 9) {
        return -1;
      }
      value = value * 10 + digit;
    }
    return value;
  }

  private static int daysIn(int year, int month) {
    if (month == 2) {
      return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28;
    }
    return month == 4 || month == 6 || month == 9 || month == 11 ? 30 : 31;
  }

  /** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil), without allocating. */
  private static long epochDay(int year, int month, int day) {
    int y = month <= 2 ? year - 1 : year;
    int era = y / 400;
    int yearOfEra = y - era * 400;
    int dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
    int dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
    return era * 146_097L + dayOfEra - 719_468L;
  }

  /** True when the first field is a number: a first line where it is not is a header. */
  public boolean firstFieldNumeric() {
    return !Double.isNaN(decimalAt(0));
  }
}
