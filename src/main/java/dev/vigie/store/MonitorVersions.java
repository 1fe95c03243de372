package dev.vigie.store;

import dev.vigie.bus.Failures;
import dev.vigie.bus.Refusal;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * What a change to an API-added monitor makes of the cluster's copy of it, and which of two copies is the newer: the
 * rules every store of a cluster applies, so that they all end up with the same rows. A copy is a stored row
 * {@code {id, type, paused, updatedAt, revision, definition}} or a removal {@code {id, revision, updatedAt}}; the
 * revision goes on through a removal, so a monitor removed and added again is newer than any copy of the old one.
 */
final class MonitorVersions {
  private MonitorVersions() {
  }

  /**
   * The row {@code change} ({@code {op, id, type?, definition?, paused?}}, validated by the probe) leaves, or the
   * removal it records ({@code removed: true}), given the cluster's row ({@code current}, null when there is none) and
   * its last removal ({@code removal}, null when none is kept). The cluster's copy decides, not this store's table.
   */
  static JsonObject next(JsonObject change, JsonObject current, JsonObject removal, long now) {
    String id = change.getString("id");
    String op = change.getString("op", "");
    if (current == null && List.of("replace", "pause", "resume", "remove").contains(op)) {
      throw new Refusal(Failures.NOT_FOUND, "UNKNOWN_MONITOR", "no monitor '" + id + "'");
    }
    return switch (op) {
      case "add" -> {
        if (current != null) {
          throw new Refusal(Failures.CONFLICT, "DUPLICATE_NAME", "name",
              "name: a monitor named '" + id + "' already exists");
        }
        yield new JsonObject().put("id", id).put("type", change.getString("type"))
            .put("definition", change.getJsonObject("definition").copy()).put("paused", change.getBoolean("paused", false))
            .put("updatedAt", now).put("revision", revision(removal) + 1);
      }
      case "replace" -> current.copy().put("type", change.getString("type"))
          .put("definition", change.getJsonObject("definition").copy())
          .put("paused", change.getValue("paused") == null ? current.getBoolean("paused", false) : change.getBoolean("paused"))
          .put("updatedAt", now).put("revision", revision(current) + 1);
      case "pause", "resume" -> current.copy().put("paused", "pause".equals(op)).put("updatedAt", now)
          .put("revision", revision(current) + 1);
      case "remove" -> new JsonObject().put("id", id).put("removed", true).put("updatedAt", now)
          .put("revision", revision(current) + 1);
      default -> throw Refusal.badField("op", "must be add, replace, pause, resume or remove");
    };
  }

  /** Whether copy {@code a} is newer than {@code b} (null is older than anything): the revision, then the time. */
  static boolean newer(JsonObject a, JsonObject b) {
    if (a == null) {
      return false;
    }
    if (b == null) {
      return true;
    }
    long ra = revision(a);
    long rb = revision(b);
    return ra != rb ? ra > rb : a.getLong("updatedAt", 0L) > b.getLong("updatedAt", 0L);
  }

  /** The newest of the cluster's row and its removal; null when the cluster has neither. */
  static JsonObject newest(JsonObject row, JsonObject removal) {
    return newer(removal, row) ? removal : row;
  }

  static boolean isRemoval(JsonObject copy) {
    return copy != null && copy.getBoolean("removed", false);
  }

  private static long revision(JsonObject copy) {
    return copy == null ? 0 : copy.getLong("revision", 0L);
  }
}
