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
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The runs under way, in start order: at most {@code stress.maxConcurrentRuns} at once, and at most one per target
 * machine ({@link TargetMachine}), whatever name, address or port it is reached by: two runs on one machine would
 * measure each other. A run holds its machine from {@link #admit} until {@link #remove}.
 */
final class ActiveRuns {
  private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss").withZone(ZoneOffset.UTC);

  private final Map<String, ActiveRun> byId = new LinkedHashMap<>();
  private final Map<String, String> idByMachineKey = new HashMap<>();
  private final Map<String, Set<String>> machineKeysById = new HashMap<>();

  /**
   * A new run of {@code plan} on {@code machine} under a fresh id; a Refusal, 409 RUN_IN_PROGRESS while another run
   * holds the machine, 429 TOO_MANY_RUNS when {@code maxRuns} runs are under way.
   */
  ActiveRun admit(StressPlan plan, TargetMachine machine, int maxRuns) {
    String id = ID_TIME.format(Instant.now()) + "-" + String.format(Locale.ROOT, "%06x", ThreadLocalRandom.current().nextInt(0x1000000));
    return admit(id, plan, machine, maxRuns);
  }

  /** As {@link #admit(StressPlan, TargetMachine, int)}, under a given id: a generator's share of a distributed run. */
  ActiveRun admit(String id, StressPlan plan, TargetMachine machine, int maxRuns) {
    if (byId.containsKey(id)) {
      throw new Refusal(Failures.CONFLICT, "RUN_IN_PROGRESS", "run " + id + " is already under way here");
    }
    for (String key : machine.keys()) {
      String running = idByMachineKey.get(key);
      if (running != null) {
        throw new Refusal(Failures.CONFLICT, "RUN_IN_PROGRESS", "run " + running + " is already stressing "
            + machine.description() + ", which " + plan.target().getHost() + " reaches: stop it (DELETE /api/stress/"
            + running + ") or wait for it to end");
      }
    }
    if (byId.size() >= maxRuns) {
      throw new Refusal(Failures.TOO_MANY, "TOO_MANY_RUNS", byId.size() + " stress runs are under way, the most "
          + "stress.maxConcurrentRuns allows: wait for one to end");
    }
    ActiveRun run = new ActiveRun(id, plan);
    byId.put(id, run);
    machine.keys().forEach(key -> idByMachineKey.put(key, id));
    machineKeysById.put(id, machine.keys());
    return run;
  }

  /** The run under way known as {@code id}, or null. */
  ActiveRun get(String id) {
    return byId.get(id);
  }

  boolean contains(String id) {
    return byId.containsKey(id);
  }

  /** Ends run {@code id} and frees its machine; null when no such run is under way. */
  ActiveRun remove(String id) {
    ActiveRun run = byId.remove(id);
    if (run != null) {
      machineKeysById.remove(id).forEach(idByMachineKey::remove);
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
