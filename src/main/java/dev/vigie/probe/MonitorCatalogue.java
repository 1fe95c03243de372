package dev.vigie.probe;

import dev.vigie.bus.Failures;
import dev.vigie.bus.Refusal;
import dev.vigie.bus.SecretRedactor;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Every monitor the probe knows: those of the configuration file (read-only) and those stored through the API, by
 * id. It decides what a change may do; the probe verticle starts and stops the checks.
 */
final class MonitorCatalogue {
  private final List<Monitor> configured;
  private final Map<String, Monitor> stored = new LinkedHashMap<>();
  private final int max;
  /** Differs from any earlier run's, so a version from before a restart never reads as unchanged. */
  private final String run = Long.toString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE, 36);
  private long changes;

  MonitorCatalogue(List<Monitor> configured, int max) {
    this.configured = configured;
    this.max = max;
  }

  /** Changes with every stored monitor put or removed: equal versions are equal lists. */
  String version() {
    return run + "-" + changes;
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

  /**
   * The store's request ({@code MonitorsBus.SAVE}) for a change asked through the API, once validated: {@code body} is
   * the API's monitor for add and replace. Refusals name the field (400) or say why not (409).
   */
  JsonObject toSave(String op, String id, JsonObject body, SecretRedactor redactor) {
    JsonObject save;
    switch (op) {
      case "add" -> {
        Monitor m = Monitor.fromRequest(body, null);
        checkAdd(m);
        save = m.toStored();
      }
      case "replace" -> {
        checkChangeable(id);
        Optional<Monitor> current = find(id);
        JsonObject sent = current.map(c -> c.unmask(body, redactor)).orElse(body.copy());
        if (sent.getValue("name") == null) {
          sent.put("name", id);
        } else if (!id.equals(sent.getValue("name"))) {
          throw Refusal.badField("name", "cannot change: it is the monitor's id (delete the monitor and add one named so)");
        }
        save = Monitor.fromRequest(sent, current.map(Monitor::type).orElse(null)).toStored();
        if (sent.getValue("paused") == null) {
          save.remove("paused"); // a replace that does not say keeps the monitor paused or running
        }
      }
      case "pause", "resume", "remove" -> {
        checkChangeable(id);
        save = new JsonObject().put("id", id);
      }
      default -> throw Refusal.badField("op", "must be add, replace, pause, resume or remove");
    }
    return save.put("op", op);
  }

  /** Whether the configuration file has a monitor of that name: a stored one of the same name is not applied. */
  boolean configures(String id) {
    return configured.stream().anyMatch(c -> c.id().equals(id));
  }

  /** Puts a stored monitor in place of the one with its id; returns the one it replaced. */
  Optional<Monitor> put(Monitor m) {
    changes++;
    return Optional.ofNullable(stored.put(m.id(), m));
  }

  Optional<Monitor> remove(String id) {
    Optional<Monitor> removed = Optional.ofNullable(stored.remove(id));
    if (removed.isPresent()) {
      changes++;
    }
    return removed;
  }

  /** Whether another stored monitor fits (applying a stored list bounded as adds are). */
  boolean full() {
    return size() >= max;
  }
}
