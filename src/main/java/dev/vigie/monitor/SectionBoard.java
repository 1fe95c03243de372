package dev.vigie.monitor;

import dev.vigie.bus.Failures;
import dev.vigie.bus.MonitorBus;
import dev.vigie.bus.Refusal;
import dev.vigie.bus.SectionUpdate;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The sections of the snapshot, in order of first appearance, which of them changed or were removed since the last
 * push, and their encoded size. Built-in sections ({@link MonitorBus#BUILT_IN_SECTIONS}) come from Vigie's own
 * verticles and are never taken from outside; every other section is external: within {@link SectionBounds}, at
 * most {@code maxExternal} of them, and removed once not updated for {@code expireMs}. Owned by the monitor verticle.
 */
final class SectionBoard {
  /** A section, with its JSON text in UTF-8: encoded once when stored, reused by every snapshot until it changes. */
  private record Entry(JsonObject json, byte[] utf8, boolean external, long updatedNanos) {
    int bytes() {
      return utf8.length;
    }
  }

  private final SectionBounds bounds;
  private final Map<String, Entry> sections = new LinkedHashMap<>();
  private final Set<String> changed = new LinkedHashSet<>();
  private final Set<String> removed = new LinkedHashSet<>();
  private long bytes;
  private int external;
  private long version;

  SectionBoard(SectionBounds bounds) {
    this.bounds = bounds;
  }

  /**
   * Stores the section, or throws the {@link Refusal} it meets: 409 {@code RESERVED_SECTION} for a built-in name from
   * outside Vigie ({@code fromOutside}: posted to the API), 413 {@code SECTION_TOO_LARGE} over a bound, 409
   * {@code TOO_MANY_SECTIONS} for a new external section past the count. Returns true when it is to be pushed at once:
   * a built-in section whose status changed (external ones wait for the push interval, however often they flip).
   */
  boolean put(SectionUpdate update, boolean fromOutside, Instant now, long nowNanos) {
    String name = update.section();
    boolean builtIn = MonitorBus.BUILT_IN_SECTIONS.contains(name);
    if (builtIn && fromOutside) {
      throw new Refusal(Failures.CONFLICT, "RESERVED_SECTION", "section",
          "section: '" + name + "' is one of Vigie's own sections; choose another name");
    }
    JsonObject json = update.toJson().put("status", update.status().wire()).put("updatedAt", now.toString());
    byte[] utf8 = json.encode().getBytes(StandardCharsets.UTF_8);
    int size = utf8.length;
    Entry previous = sections.get(name);
    if (!builtIn) {
      Refusal refusal = bounds.check(update, size);
      if (refusal != null) {
        throw refusal;
      }
      if (previous == null && external >= bounds.maxExternal()) {
        throw new Refusal(Failures.CONFLICT, "TOO_MANY_SECTIONS", "section", "section: Vigie already shows "
            + external + " sections from outside, its limit (monitor.sections.maxExternal); '" + name
            + "' is not one of them. Sections not updated for " + bounds.expireMs() / 1000 + " s are removed");
      }
    }
    sections.put(name, new Entry(json, utf8, !builtIn, nowNanos));
    version++;
    bytes += size - (previous == null ? 0 : previous.bytes());
    if (previous == null && !builtIn) {
      external++;
    }
    changed.add(name);
    removed.remove(name);
    return builtIn && (previous == null || !previous.json().getString("status").equals(json.getString("status")));
  }

  /** Removes the external sections not updated for {@code expireMs}; returns their names. */
  List<String> expire(long nowNanos) {
    long maxAge = bounds.expireMs() * 1_000_000L;
    List<String> expired = new ArrayList<>();
    sections.entrySet().removeIf(e -> {
      Entry entry = e.getValue();
      if (!entry.external() || nowNanos - entry.updatedNanos() <= maxAge) {
        return false;
      }
      expired.add(e.getKey());
      bytes -= entry.bytes();
      external--;
      return true;
    });
    if (!expired.isEmpty()) {
      version++;
    }
    expired.forEach(name -> {
      changed.remove(name);
      removed.add(name);
    });
    return expired;
  }

  boolean hasChanges() {
    return !changed.isEmpty() || !removed.isEmpty();
  }

  /** The sections changed since the last call, and forgets them. */
  JsonArray drainChanged() {
    JsonArray array = new JsonArray();
    changed.forEach(name -> array.add(sections.get(name).json()));
    changed.clear();
    return array;
  }

  /** The names of the sections removed since the last call, and forgets them. */
  JsonArray drainRemoved() {
    JsonArray array = new JsonArray(new ArrayList<>(removed));
    removed.clear();
    return array;
  }

  JsonArray all() {
    JsonArray array = new JsonArray();
    sections.values().forEach(e -> array.add(e.json()));
    return array;
  }

  /**
   * Appends the sections as a JSON array's text in UTF-8, from each section's stored bytes: {@code all().encode()}'s
   * bytes. Appends {@link #arrayBytes} bytes.
   */
  void appendAll(Buffer out) {
    out.appendByte((byte) '[');
    boolean first = true;
    for (Entry entry : sections.values()) {
      if (!first) {
        out.appendByte((byte) ',');
      }
      first = false;
      out.appendBytes(entry.utf8());
    }
    out.appendByte((byte) ']');
  }

  /** What {@link #appendAll} appends, in bytes: the sections, the commas between them and the brackets. */
  long arrayBytes() {
    return bytes + Math.max(0, sections.size() - 1) + 2;
  }

  /** Changes on every section stored or removed: what a cached snapshot text is keyed by. */
  long version() {
    return version;
  }

  JsonObject get(String name) {
    Entry entry = sections.get(name);
    return entry == null ? null : entry.json();
  }

  /** The sections' encoded size, in bytes. */
  long bytes() {
    return bytes;
  }

  int external() {
    return external;
  }
}
