package dev.vigie.web;

import dev.vigie.bus.Failures;
import dev.vigie.bus.Refusal;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.Map;

/**
 * The live connections ({@code /ws} and {@code /eventbus} together) held now, per {@link ClientGroup}, against two
 * caps: {@code http.live.maxConnections} in all, which no set of addresses can exceed, and
 * {@code http.live.maxConnectionsPerClient} per client. Owned by the web verticle's event loop.
 */
final class LiveConnections {
  private final int max;
  private final int maxPerClient;
  private final Map<String, Integer> perClient = new HashMap<>();
  private int total;

  LiveConnections(JsonObject live) {
    this.max = live.getInteger("maxConnections");
    this.maxPerClient = live.getInteger("maxConnectionsPerClient");
    if (max < 1 || maxPerClient < 1) {
      throw new IllegalArgumentException("http.live.maxConnections and http.live.maxConnectionsPerClient must be at least 1");
    }
  }

  /** Counts one more connection of {@code group} and returns null, or returns why it is refused (and counts nothing). */
  Refusal admit(String group) {
    if (total >= max) {
      return new Refusal(Failures.UNAVAILABLE, "TOO_MANY_CONNECTIONS",
          "Vigie holds " + total + " live connections, its ceiling (http.live.maxConnections); retry later");
    }
    int held = perClient.getOrDefault(group, 0);
    if (held >= maxPerClient) {
      return new Refusal(Failures.TOO_MANY, "TOO_MANY_CONNECTIONS",
          "client " + group + " holds " + held + " live connections, its cap (http.live.maxConnectionsPerClient)");
    }
    perClient.put(group, held + 1);
    total++;
    return null;
  }

  /** Forgets one connection of {@code group}, admitted earlier. */
  void release(String group) {
    Integer held = perClient.get(group);
    if (held == null) {
      return;
    }
    if (held <= 1) {
      perClient.remove(group);
    } else {
      perClient.put(group, held - 1);
    }
    total--;
  }

  int total() {
    return total;
  }
}
