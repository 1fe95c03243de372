package dev.vigie.probe;

import dev.vigie.bus.Refusal;

/**
 * A configuration entry refused: the message names the full key for the configuration file ({@code
 * probe.endpoints[2].url must be ...}); {@link #field} and {@link #problem} let the monitors API answer 400 naming
 * just the field.
 */
final class BadEntry extends IllegalArgumentException {
  private final String field;
  private final String problem;

  BadEntry(String message, String field, String problem) {
    super(message);
    this.field = field;
    this.problem = problem;
  }

  /** {@code key.field problem}, the configuration's wording. */
  static BadEntry of(String key, String field, String problem) {
    return new BadEntry(key + "." + field + " " + problem, field, problem);
  }

  /** The same, as the API's 400 naming the field. */
  Refusal refusal() {
    return Refusal.badField(field, problem);
  }
}
