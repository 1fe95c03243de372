package dev.vigie.stress;

import dev.vigie.bus.Failures;
import dev.vigie.bus.Refusal;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The runs under way, in start order, at most one per target server ({@link StressPlan#targetKey()}): two runs on one
 * server would measure each other. A run holds its server from {@link #admit} until {@link #remove}.
 */
final class ActiveRuns {
  private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss").withZone(ZoneOffset.UTC);

  private final Map<String, ActiveRun> byId = new LinkedHashMap<>();
  private final Map<String, String> idByTarget = new HashMap<>();

  /** A new run of {@code plan} under a fresh id; a Refusal (409 RUN_IN_PROGRESS) while another run holds its server. */
  ActiveRun admit(StressPlan plan) {
    String running = idByTarget.get(plan.targetKey());
    if (running != null) {
      throw new Refusal(Failures.CONFLICT, "RUN_IN_PROGRESS", "run " + running + " is already stressing " + plan.targetKey()
          + ": stop it (DELETE /api/stress/" + running + ") or wait for it to end");
    }
    String id = ID_TIME.format(Instant.now()) + "-" + String.format(Locale.ROOT, "%06x", ThreadLocalRandom.current().nextInt(0x1000000));
    ActiveRun run = new ActiveRun(id, plan);
    byId.put(id, run);
    idByTarget.put(plan.targetKey(), id);
    return run;
  }

  /** The run under way known as {@code id}, or null. */
  ActiveRun get(String id) {
    return byId.get(id);
  }

  boolean contains(String id) {
    return byId.containsKey(id);
  }

  /** Ends run {@code id} and frees its server; null when no such run is under way. */
  ActiveRun remove(String id) {
    ActiveRun run = byId.remove(id);
    if (run != null) {
      idByTarget.remove(run.plan.targetKey());
    }
    return run;
  }

  /** The runs under way, in start order. */
  List<ActiveRun> all() {
    return List.copyOf(byId.values());
  }

  List<JsonObject> toJson() {
    return byId.values().stream().map(ActiveRun::toJson).toList();
  }
}
