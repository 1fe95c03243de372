package dev.vigie.monitor;

import dev.vigie.bus.Failures;
import dev.vigie.bus.Metric;
import dev.vigie.bus.Refusal;
import dev.vigie.bus.SectionUpdate;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;

/**
 * What a section from outside Vigie may hold ({@code monitor.sections}): metrics per section, characters per string
 * (title, labels, units, hints, string values), bytes of {@code details} and of the whole section. Answers the first
 * bound a section is over, as a 413 naming the field. {@code maxNodes}: the cluster members whose sections the board
 * keeps (each brings at most one section per built-in name).
 */
record SectionBounds(int maxExternal, int maxMetrics, int maxStringChars, int maxDetailsBytes, int maxSectionBytes,
    long expireMs, int maxNodes) {

  /** Bounds for a board of one node's sections. */
  SectionBounds(int maxExternal, int maxMetrics, int maxStringChars, int maxDetailsBytes, int maxSectionBytes,
      long expireMs) {
    this(maxExternal, maxMetrics, maxStringChars, maxDetailsBytes, maxSectionBytes, expireMs, 16);
  }

  static SectionBounds from(JsonObject sections) {
    SectionBounds bounds = new SectionBounds(sections.getInteger("maxExternal"), sections.getInteger("maxMetrics"),
        sections.getInteger("maxStringChars"), sections.getInteger("maxDetailsBytes"),
        sections.getInteger("maxSectionBytes"), sections.getLong("expireMs"), sections.getInteger("maxNodes", 16));
    if (bounds.maxExternal < 0 || bounds.maxMetrics < 1 || bounds.maxStringChars < 1 || bounds.maxDetailsBytes < 0
        || bounds.maxSectionBytes < 1 || bounds.expireMs < 1000 || bounds.maxNodes < 1) {
      throw new IllegalArgumentException("monitor.sections: maxExternal and maxDetailsBytes must be at least 0, "
          + "maxMetrics, maxStringChars, maxSectionBytes and maxNodes at least 1, expireMs at least 1000");
    }
    return bounds;
  }

  /** Why {@code update}, whose encoded size is {@code bytes}, is over a bound; null when it is within all of them. */
  Refusal check(SectionUpdate update, int bytes) {
    Refusal refusal = string("title", update.title());
    if (refusal != null) {
      return refusal;
    }
    if (update.metrics().size() > maxMetrics) {
      return tooLarge("metrics", "metrics: " + update.metrics().size() + " entries, over the " + maxMetrics
          + " a section may hold (monitor.sections.maxMetrics)");
    }
    for (int i = 0; i < update.metrics().size(); i++) {
      Metric m = update.metrics().get(i);
      String at = "metrics[" + i + "].";
      refusal = firstOf(string(at + "label", m.label()), string(at + "unit", m.unit()), string(at + "hint", m.hint()),
          m.value() instanceof String s ? string(at + "value", s) : null);
      if (refusal != null) {
        return refusal;
      }
    }
    if (update.details() != null) {
      int detailsBytes = update.details().encode().getBytes(StandardCharsets.UTF_8).length;
      if (detailsBytes > maxDetailsBytes) {
        return tooLarge("details", "details: " + detailsBytes + " bytes, over the " + maxDetailsBytes
            + " allowed (monitor.sections.maxDetailsBytes)");
      }
    }
    if (bytes > maxSectionBytes) {
      return tooLarge("section", "the section is " + bytes + " bytes encoded, over the " + maxSectionBytes
          + " allowed (monitor.sections.maxSectionBytes)");
    }
    return null;
  }

  private Refusal string(String field, String value) {
    if (value != null && value.length() > maxStringChars) {
      return tooLarge(field, field + ": " + value.length() + " characters, over the " + maxStringChars
          + " allowed (monitor.sections.maxStringChars)");
    }
    return null;
  }

  private static Refusal firstOf(Refusal... refusals) {
    for (Refusal r : refusals) {
      if (r != null) {
        return r;
      }
    }
    return null;
  }

  private static Refusal tooLarge(String field, String message) {
    return new Refusal(Failures.TOO_LARGE, "SECTION_TOO_LARGE", field, message);
  }
}
