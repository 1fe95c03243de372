package dev.vigie.probe;

import dev.vigie.bus.Failures;
import dev.vigie.bus.Refusal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every monitor the probe knows: those of the configuration file (read-only) and those stored through the API, by
 * id. It decides what a change may do; the probe verticle starts and stops the checks.
 */
final class MonitorCatalogue {
  private final List<Monitor> configured;
  private final Map<String, Monitor> stored = new LinkedHashMap<>();
  private final int max;

  MonitorCatalogue(List<Monitor> configured, int max) {
    this.configured = configured;
    this.max = max;
  }

  int max() {
    return max;
  }

  int size() {
    return configured.size() + stored.size();
  }

  /** Configuration monitors first (an endpoint before a freshness source of the same name), then stored ones. */
  Optional<Monitor> find(String id) {
    return configured.stream().filter(m -> m.id().equals(id)).findFirst().or(() -> Optional.ofNullable(stored.get(id)));
  }

  List<Monitor> all() {
    List<Monitor> all = new ArrayList<>(configured);
    all.addAll(stored.values());
    return all;
  }

  /** Refuses a new monitor whose name is taken (by a monitor of either type) or past {@code probe.maxMonitors}. */
  void checkAdd(Monitor m) {
    if (find(m.id()).isPresent()) {
      throw new Refusal(Failures.CONFLICT, "DUPLICATE_NAME", "name",
          "name: a monitor named '" + m.id() + "' already exists");
    }
    if (size() >= max) {
      throw new Refusal(Failures.CONFLICT, "TOO_MANY_MONITORS",
          "Vigie already runs " + size() + " monitors, the most probe.maxMonitors allows");
    }
  }

  /** Refuses to change a monitor of the configuration file; the store decides whether another id exists. */
  void checkChangeable(String id) {
    Optional<Monitor> m = find(id);
    if (m.isPresent() && m.get().source() == Monitor.Source.CONFIG) {
      throw new Refusal(Failures.CONFLICT, "CONFIG_MONITOR", "monitor '" + id + "' comes from the configuration file "
          + "(probe.endpoints / probe.freshness): change it there and restart; the API changes only monitors it added");
    }
  }

  /** Whether the configuration file has a monitor of that name: a stored one of the same name is not applied. */
  boolean configures(String id) {
    return configured.stream().anyMatch(c -> c.id().equals(id));
  }

  /** Puts a stored monitor in place of the one with its id; returns the one it replaced. */
  Optional<Monitor> put(Monitor m) {
    return Optional.ofNullable(stored.put(m.id(), m));
  }

  Optional<Monitor> remove(String id) {
    return Optional.ofNullable(stored.remove(id));
  }

  /** Whether another stored monitor fits (applying a stored list bounded as adds are). */
  boolean full() {
    return size() >= max;
  }
}
