package dev.vigie.vision;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/** How much one archive holds: a day ({@code YYYY-MM-DD} in its name) or a month ({@code YYYY-MM}). */
public enum Period implements Word {
  DAILY("daily", ChronoUnit.DAYS, "a day (YYYY-MM-DD)"),
  MONTHLY("monthly", ChronoUnit.MONTHS, "a month (YYYY-MM)");

  private final String wire;
  private final ChronoUnit unit;
  private final String dateShape;

  Period(String wire, ChronoUnit unit, String dateShape) {
    this.wire = wire;
    this.unit = unit;
    this.dateShape = dateShape;
  }

  @Override
  public String wire() {
    return wire;
  }

  /** One archive's span: days or months. */
  public ChronoUnit unit() {
    return unit;
  }

  /** How names write this period's date, for messages: {@code a day (YYYY-MM-DD)}. */
  public String dateShape() {
    return dateShape;
  }

  /** The first day an archive dated {@code date} covers; throws IllegalArgumentException when it is not one. */
  public LocalDate parseDate(String date) {
    // Read by hand, not through DateTimeFormatter: every scan reads its archive's date a few times, and the
    // formatter's parse was a tenth of a small archive's scan (fundingRate, bench/coverage).
    int length = this == DAILY ? 10 : 7;
    if (date.length() == length && date.charAt(4) == '-' && (this == MONTHLY || date.charAt(7) == '-')) {
      int year = digits(date, 0, 4);
      int month = digits(date, 5, 7);
      int day = this == DAILY ? digits(date, 8, 10) : 1;
      if (year >= 0 && month >= 0 && day >= 0) {
        try {
          return LocalDate.of(year, month, day);
        } catch (DateTimeException e) {
          // falls through to the refusal below
        }
      }
    }
    throw new IllegalArgumentException("'" + date + "' is not " + dateShape);
  }

  /** The decimal number written in {@code text} from {@code from} to {@code to}, or -1 if a character is not a digit. */
  private static int digits(String text, int from, int to) {
    int value = 0;
    for (int i = from; i < to; i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }

  /** The date as an archive name writes it, for the archive that holds {@code day}. */
  public String format(LocalDate day) {
    return this == DAILY ? day.toString() : YearMonth.from(day).toString();
  }

  /** The first day of the archive that holds {@code day}. */
  public LocalDate startOf(LocalDate day) {
    return this == DAILY ? day : day.withDayOfMonth(1);
  }

  /** The day after the archive starting on {@code start} ends. */
  public LocalDate end(LocalDate start) {
    return start.plus(1, unit);
  }

  /** The period a name's date is written for, judged by its shape alone. */
  public static Optional<Period> ofDate(String date) {
    return date.length() == 10 ? Optional.of(DAILY) : date.length() == 7 ? Optional.of(MONTHLY) : Optional.empty();
  }

  public static Optional<Period> fromWire(String wire) {
    return Word.find(values(), wire);
  }

  public static List<String> wires() {
    return Word.wires(values());
  }
}
