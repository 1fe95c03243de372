package dev.vigie.probe;

import io.vertx.core.json.JsonObject;

/**
 * Where one check's time went, in milliseconds; a phase not reached is NaN (floats, not boxed values: every result
 * of an endpoint's history holds one). {@code reused}: the connection came from the pool (connect is then the
 * hand-over alone). {@code failedIn}: the phase under way when the check failed or timed out, else null. See
 * {@link Phase} for what each phase covers.
 */
record Phases(float dnsMs, float connectMs, float firstByteMs, float bodyMs, boolean reused, Phase failedIn) {

  /** The phase's time in ms, NaN when the check did not reach it. */
  float ms(Phase phase) {
    return switch (phase) {
      case DNS -> dnsMs;
      case CONNECT -> connectMs;
      case FIRST_BYTE -> firstByteMs;
      case BODY -> bodyMs;
    };
  }

  /** {@code {dnsMs?, connectMs?, firstByteMs?, bodyMs?, reused, failedIn?}}, to 0.1 ms; a phase not reached is absent. */
  JsonObject toJson() {
    JsonObject json = new JsonObject();
    for (Phase phase : Phase.values()) {
      float ms = ms(phase);
      if (!Float.isNaN(ms)) {
        json.put(phase.wire() + "Ms", Math.round(ms * 10) / 10.0);
      }
    }
    json.put("reused", reused);
    if (failedIn != null) {
      json.put("failedIn", failedIn.wire());
    }
    return json;
  }
}
