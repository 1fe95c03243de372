package dev.vigie.notify;

import dev.vigie.bus.RedirectPolicy;
import io.vertx.core.json.JsonObject;

/** The {@code notify} configuration's bounds and timings (the channels are read by {@link ChannelBook}). */
record NotifySettings(int maxChannels, int queueSize, int maxAttempts, long backoffMs, long maxBackoffMs,
                      long timeoutMs, int breakerFailures, long breakerResetMs, int deliveryLogSize, long groupWaitMs,
                      int maxGroupAlerts, long resendMs, long sectionIntervalMs, String publicUrl,
                      RedirectPolicy redirects, long storeRetryMs) {

  /** Reads {@code notify}; throws IllegalArgumentException naming the bad key. */
  static NotifySettings from(JsonObject config) {
    JsonObject n = config.getJsonObject("notify");
    return new NotifySettings(
        (int) positive(n, "maxChannels", 1), (int) positive(n, "queueSize", 1), (int) positive(n, "maxAttempts", 1),
        positive(n, "backoffMs", 0), positive(n, "maxBackoffMs", 0), positive(n, "timeoutMs", 1),
        (int) positive(n, "breakerFailures", 1), positive(n, "breakerResetMs", 1),
        (int) positive(n, "deliveryLogSize", 1), positive(n, "groupWaitMs", 0), (int) positive(n, "maxGroupAlerts", 1),
        positive(n, "resendMs", 1000), positive(n, "sectionIntervalMs", 100), n.getString("publicUrl"),
        RedirectPolicy.from(n, "notify"), positive(n, "storeRetryMs", 100));
  }

  private static long positive(JsonObject n, String key, long min) {
    Object value = n.getValue(key);
    if (!(value instanceof Number number) || number.longValue() < min) {
      throw new IllegalArgumentException("notify." + key + " must be a whole number of at least " + min);
    }
    return number.longValue();
  }

  /** The wait before attempt {@code attempt + 1} after {@code attempt} failed: doubling, capped. */
  long backoff(int attempt) {
    long delay = backoffMs << Math.min(attempt - 1, 30);
    return Math.min(delay < 0 ? maxBackoffMs : delay, maxBackoffMs);
  }
}
