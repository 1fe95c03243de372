package dev.vigie.stress;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.logstash.logback.argument.StructuredArguments;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last finished runs, oldest first, in memory and as one JSON file each in {@code <dataDir>/stress/} so they
 * survive a restart. Disk work runs off the event loop, one write at a time; each file is written whole then moved
 * into place, so a kill never leaves half a run. Once {@link #close closed} nothing more is written: a write that
 * began after the verticle stopped would outlive Vert.x.
 */
final class StressHistory {
  private static final Logger LOG = LoggerFactory.getLogger("stress");

  private final Vertx vertx;
  private final Path dir;
  private final int size;
  private final LinkedHashMap<String, JsonObject> runs = new LinkedHashMap<>();
  private Future<?> lastWrite = Future.succeededFuture();
  private boolean closed;

  StressHistory(Vertx vertx, Path dir, int size) {
    this.vertx = vertx;
    this.dir = dir;
    this.size = size;
  }

  /** Reads the runs kept on disk, drops the ones beyond the limit. */
  Future<Void> load() {
    return vertx.executeBlocking(() -> {
      Files.createDirectories(dir);
      List<JsonObject> found = new ArrayList<>();
      try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.json")) {
        for (Path file : files) {
          try {
            JsonObject run = new JsonObject(Files.readString(file, StandardCharsets.UTF_8));
            Instant.parse(run.getString("startedAt"));
            found.add(run);
          } catch (DecodeException | IOException | ClassCastException | NullPointerException | DateTimeParseException e) {
            LOG.warn("stress_history_unreadable", StructuredArguments.kv("file", file.toString()));
          }
        }
      }
      found.sort(Comparator.comparing(r -> Instant.parse(r.getString("startedAt"))));
      return found;
    }, false).map(found -> {
      found.forEach(r -> runs.put(r.getString("id"), r));
      List<String> evicted = trim();
      if (!evicted.isEmpty()) {
        lastWrite = vertx.executeBlocking(() -> delete(evicted), true);
      }
      return null;
    });
  }

  /** Keeps a finished run and writes it to disk; evicts the oldest beyond the limit. */
  void add(JsonObject result) {
    String id = result.getString("id");
    if (closed) {
      LOG.warn("stress_history_closed", StructuredArguments.kv("id", id));
      return;
    }
    runs.put(id, result);
    List<String> evicted = trim();
    String text = result.encode();
    // Ordered, so a run's file is never deleted before it has been written.
    lastWrite = vertx.executeBlocking(() -> {
      Files.createDirectories(dir);
      Path tmp = dir.resolve(id + ".json.tmp");
      Files.writeString(tmp, text, StandardCharsets.UTF_8);
      Files.move(tmp, dir.resolve(id + ".json"), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      return delete(evicted);
    }, true).onFailure(e -> LOG.error("stress_history_write_failed",
        StructuredArguments.entries(Map.of("id", id, "reason", String.valueOf(e.getMessage())))));
  }

  /**
   * Takes no more runs and completes once every write asked so far is on disk (writes are ordered), so a stop loses
   * no finished run and leaves no write running behind it.
   */
  Future<Void> close() {
    closed = true;
    return lastWrite.<Void>mapEmpty().recover(e -> Future.succeededFuture());
  }

  Optional<JsonObject> get(String id) {
    return Optional.ofNullable(runs.get(id));
  }

  List<JsonObject> newestFirst() {
    List<JsonObject> list = new ArrayList<>(runs.values());
    java.util.Collections.reverse(list);
    return list;
  }

  private List<String> trim() {
    List<String> evicted = new ArrayList<>();
    while (runs.size() > size) {
      String oldest = runs.keySet().iterator().next();
      runs.remove(oldest);
      evicted.add(oldest);
    }
    return evicted;
  }

  private Void delete(List<String> ids) {
    for (String id : ids) {
      try {
        Files.deleteIfExists(dir.resolve(id + ".json"));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return null;
  }
}
