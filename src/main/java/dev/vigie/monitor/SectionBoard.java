package dev.vigie.monitor;

import dev.vigie.bus.Failures;
import dev.vigie.bus.MonitorBus;
import dev.vigie.bus.Refusal;
import dev.vigie.bus.SectionUpdate;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The sections of the snapshot, in order of first appearance, which of them changed or were removed since the last
 * push, and their encoded size. A section is keyed by its name and, in a cluster, by the node it comes from (a
 * section without a node is one of this node's alone, or from a verticle that is no Vigie): three members' "cache"
 * sections are three entries. Built-in sections ({@link MonitorBus#BUILT_IN_SECTIONS}) come from Vigie's own
 * verticles and are never taken from outside; every other section is external: within {@link SectionBounds}, at most
 * {@code maxExternal} of them over all nodes, and removed once not updated for {@code expireMs}. At most
 * {@code maxNodes} nodes have sections here, so built-in sections number at most built-in names × nodes; a node that
 * left the cluster has its sections removed ({@link #removeNode}) and none taken from it again. Owned by the monitor
 * verticle.
 */
final class SectionBoard {
  /** Nodes that left, remembered so that their late sections are not taken: at most this many. */
  private static final int DEPARTED_KEPT = 256;
  private static final byte[] OPEN = {'['};
  private static final byte[] COMMA = {','};
  private static final byte[] CLOSE = {']'};

  /** A section's place on the board: its node (null when untagged) and its name. */
  record Key(String node, String section) {
    /** How the activity log names it: {@code section}, or {@code section@node}. */
    String shown() {
      return node == null ? section : section + "@" + node;
    }
  }

  /** A section, with its JSON text in UTF-8: encoded once when stored, reused by every snapshot until it changes. */
  private record Entry(JsonObject json, byte[] utf8, boolean external, long updatedNanos) {
    int bytes() {
      return utf8.length;
    }
  }

  private final SectionBounds bounds;
  private final Map<Key, Entry> sections = new LinkedHashMap<>();
  private final Set<Key> changed = new LinkedHashSet<>();
  private final Set<Key> removed = new LinkedHashSet<>();
  /** Sections on the board per node. */
  private final Map<String, Integer> nodes = new HashMap<>();
  private final Set<String> departed = new LinkedHashSet<>();
  private long bytes;
  private int external;
  private long version;

  SectionBoard(SectionBounds bounds) {
    this.bounds = bounds;
  }

  /** A section of no node in particular: the board of a Vigie that runs alone. */
  boolean put(SectionUpdate update, boolean fromOutside, Instant now, long nowNanos) {
    return put(update, null, fromOutside, now, nowNanos);
  }

  /**
   * Stores the section of {@code node} (null: untagged), or throws the {@link Refusal} it meets: 409
   * {@code RESERVED_SECTION} for a built-in name from outside Vigie ({@code fromOutside}: posted to the API), 413
   * {@code SECTION_TOO_LARGE} over a bound, 409 {@code TOO_MANY_SECTIONS} for a new external section past the count,
   * 409 {@code TOO_MANY_NODES} for a node past {@code maxNodes}, 409 {@code NODE_GONE} from a node that left. Returns
   * true when it is to be pushed at once: a built-in section whose status changed (external ones wait for the push
   * interval, however often they flip).
   */
  boolean put(SectionUpdate update, String node, boolean fromOutside, Instant now, long nowNanos) {
    String name = update.section();
    boolean builtIn = MonitorBus.BUILT_IN_SECTIONS.contains(name);
    if (builtIn && fromOutside) {
      throw new Refusal(Failures.CONFLICT, "RESERVED_SECTION", "section",
          "section: '" + name + "' is one of Vigie's own sections; choose another name");
    }
    if (node != null && departed.contains(node)) {
      throw new Refusal(Failures.CONFLICT, "NODE_GONE", "node", "node " + node + " has left the cluster");
    }
    Key key = new Key(node, name);
    JsonObject json = update.toJson();
    if (node != null) {
      json.put("node", node);
    }
    json.put("status", update.status().wire()).put("updatedAt", now.toString());
    byte[] utf8 = json.encode().getBytes(StandardCharsets.UTF_8);
    int size = utf8.length;
    Entry previous = sections.get(key);
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
    if (node != null && !nodes.containsKey(node) && nodes.size() >= bounds.maxNodes()) {
      throw new Refusal(Failures.CONFLICT, "TOO_MANY_NODES", "node", "node: Vigie already shows the sections of "
          + nodes.size() + " nodes, its limit (monitor.sections.maxNodes)");
    }
    sections.put(key, new Entry(json, utf8, !builtIn, nowNanos));
    version++;
    bytes += size - (previous == null ? 0 : previous.bytes());
    if (previous == null) {
      if (!builtIn) {
        external++;
      }
      if (node != null) {
        nodes.merge(node, 1, Integer::sum);
      }
    }
    changed.add(key);
    removed.remove(key);
    return builtIn && (previous == null || !previous.json().getString("status").equals(json.getString("status")));
  }

  /** Removes the external sections not updated for {@code expireMs}; returns how the log names them. */
  List<String> expire(long nowNanos) {
    long maxAge = bounds.expireMs() * 1_000_000L;
    List<Key> expired = new ArrayList<>();
    sections.forEach((key, entry) -> {
      if (entry.external() && nowNanos - entry.updatedNanos() > maxAge) {
        expired.add(key);
      }
    });
    expired.forEach(this::remove);
    return expired.stream().map(Key::shown).toList();
  }

  /**
   * Removes every section of {@code node}, a node that left the cluster, and takes none from it again (its late
   * messages may still be on their way). Returns how many were removed.
   */
  int removeNode(String node) {
    departed.add(node);
    if (departed.size() > DEPARTED_KEPT) {
      departed.remove(departed.iterator().next());
    }
    List<Key> gone = sections.keySet().stream().filter(k -> node.equals(k.node())).toList();
    gone.forEach(this::remove);
    return gone.size();
  }

  private void remove(Key key) {
    Entry entry = sections.remove(key);
    if (entry == null) {
      return;
    }
    bytes -= entry.bytes();
    if (entry.external()) {
      external--;
    }
    if (key.node() != null && nodes.merge(key.node(), -1, Integer::sum) == 0) {
      nodes.remove(key.node());
    }
    version++;
    changed.remove(key);
    removed.add(key);
  }

  boolean hasChanges() {
    return !changed.isEmpty() || !removed.isEmpty();
  }

  /** The sections changed since the last call, and forgets them. */
  JsonArray drainChanged() {
    JsonArray array = new JsonArray();
    changed.forEach(key -> array.add(sections.get(key).json()));
    changed.clear();
    return array;
  }

  /**
   * The sections removed since the last call, and forgets them: the names of untagged ones ({@code removed}) and
   * {@code {node, section}} for the sections of nodes ({@code removedFromNodes}); an empty object when none.
   */
  JsonObject drainRemoved() {
    JsonArray names = new JsonArray();
    JsonArray ofNodes = new JsonArray();
    removed.forEach(key -> {
      if (key.node() == null) {
        names.add(key.section());
      } else {
        ofNodes.add(new JsonObject().put("node", key.node()).put("section", key.section()));
      }
    });
    removed.clear();
    JsonObject out = new JsonObject();
    if (!names.isEmpty()) {
      out.put("removed", names);
    }
    if (!ofNodes.isEmpty()) {
      out.put("removedFromNodes", ofNodes);
    }
    return out;
  }

  JsonArray all() {
    JsonArray array = new JsonArray();
    sections.values().forEach(e -> array.add(e.json()));
    return array;
  }

  /**
   * Adds the sections as a JSON array's text in UTF-8 to {@code parts}, each section as its stored bytes (nothing
   * copied): {@code all().encode()}'s bytes once joined, {@link #arrayBytes} of them. The stored bytes are never
   * written: a section changed is stored as new bytes.
   */
  void addAll(List<byte[]> parts) {
    parts.add(OPEN);
    boolean first = true;
    for (Entry entry : sections.values()) {
      if (!first) {
        parts.add(COMMA);
      }
      first = false;
      parts.add(entry.utf8());
    }
    parts.add(CLOSE);
  }

  /** What {@link #addAll} adds, in bytes: the sections, the commas between them and the brackets. */
  long arrayBytes() {
    return bytes + Math.max(0, sections.size() - 1) + 2;
  }

  /** Changes on every section stored or removed: what a cached snapshot text is keyed by. */
  long version() {
    return version;
  }

  /** The untagged section of that name, or null. */
  JsonObject get(String name) {
    return get(null, name);
  }

  JsonObject get(String node, String name) {
    Entry entry = sections.get(new Key(node, name));
    return entry == null ? null : entry.json();
  }

  /** The sections of {@code name} by node, for every node that has one (untagged ones left out). */
  Map<String, JsonObject> byNode(String name) {
    Map<String, JsonObject> found = new LinkedHashMap<>();
    sections.forEach((key, entry) -> {
      if (key.node() != null && key.section().equals(name)) {
        found.put(key.node(), entry.json());
      }
    });
    return found;
  }

  int nodeCount() {
    return nodes.size();
  }

  /** The nodes that have sections here. */
  Set<String> nodes() {
    return Set.copyOf(nodes.keySet());
  }

  /** The sections' encoded size, in bytes. */
  long bytes() {
    return bytes;
  }

  int external() {
    return external;
  }
}
