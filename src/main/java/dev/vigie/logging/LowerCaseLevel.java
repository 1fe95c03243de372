package dev.vigie.logging;

import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import java.util.Locale;

/**
 * {@code %levelLower}: the event's level as the product spells it: {@code info}, {@code warning}, {@code error},
 * {@code debug}, {@code trace}.
 */
public final class LowerCaseLevel extends ClassicConverter {
  @Override
  public String convert(ILoggingEvent event) {
    String level = event.getLevel().toString().toLowerCase(Locale.ROOT);
    return level.equals("warn") ? "warning" : level;
  }
}
