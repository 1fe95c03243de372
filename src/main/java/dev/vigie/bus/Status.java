package dev.vigie.bus;

/** A metric's or a section's health, as the monitor shows it. Ordered from best to worst except NEUTRAL. */
public enum Status {
  GOOD, WARNING, CRITICAL, NEUTRAL;

  /** The wire form: lower case, as in {@code "good"}. */
  public String wire() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  public static Status fromWire(String s) {
    if (s == null) {
      return NEUTRAL;
    }
    return switch (s) {
      case "good" -> GOOD;
      case "warning" -> WARNING;
      case "critical" -> CRITICAL;
      case "neutral" -> NEUTRAL;
      default -> throw new IllegalArgumentException("unknown status '" + s + "' (good, warning, critical, neutral)");
    };
  }

  /** The worse of two statuses; NEUTRAL never outranks a real reading. */
  public static Status worst(Status a, Status b) {
    if (a == NEUTRAL) {
      return b;
    }
    if (b == NEUTRAL) {
      return a;
    }
    return a.ordinal() >= b.ordinal() ? a : b;
  }
}
