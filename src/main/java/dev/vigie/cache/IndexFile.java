package dev.vigie.cache;

import dev.vigie.vision.ArchiveKey;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The persisted archive index ({@code <dataDir>/archive-index.json}): {@code {version, entries: [...]}}, least
 * recently used first. Written to a temporary file, forced to disk, then renamed over the old one, so a crash
 * leaves either the old or the new index, never half of one. Blocking: call from a worker.
 */
final class IndexFile {
  private static final int VERSION = 1;
  /** Leaves the channel open when the generator closes: it is forced to disk before it is closed. */
  private static final JsonFactory JSON = JsonFactory.builder().disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
      .build();

  private IndexFile() {
  }

  /** The entries, or empty when the file is missing or unreadable (the caller rebuilds from the directory). */
  static Optional<List<ArchiveEntry>> read(Path file) throws IOException {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
    try {
      JsonObject json = new JsonObject(text);
      if (json.getInteger("version", 0) != VERSION) {
        return Optional.empty();
      }
      List<ArchiveEntry> entries = new ArrayList<>();
      for (Object o : json.getJsonArray("entries")) {
        JsonObject e = (JsonObject) o;
        String key = e.getString("key");
        if (!ArchiveKey.isSafe(key)) {
          continue;
        }
        entries.add(new ArchiveEntry(key, e.getLong("bytes"), e.getString("sha256"), e.getLong("modifiedMs"),
            e.getLong("lastAccessMs")));
      }
      return Optional.of(entries);
    } catch (DecodeException | ClassCastException | NullPointerException e) {
      return Optional.empty();
    }
  }

  /**
   * Streams the entries to the file: building the whole text first would hold a copy of the index in memory per
   * write, and Jackson keeps the largest text buffer of each thread for reuse, so the heap grew with the index
   * times the worker threads that ever wrote it (found by the soak, bench/soak).
   */
  static void write(Path file, List<ArchiveEntry> entries) throws IOException {
    Files.createDirectories(file.getParent());
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.TRUNCATE_EXISTING)) {
      try (JsonGenerator json = JSON.createGenerator(Channels.newOutputStream(channel), JsonEncoding.UTF8)) {
        json.writeStartObject();
        json.writeNumberField("version", VERSION);
        json.writeArrayFieldStart("entries");
        for (ArchiveEntry e : entries) {
          json.writeStartObject();
          json.writeStringField("key", e.key());
          json.writeNumberField("bytes", e.bytes());
          json.writeStringField("sha256", e.sha256());
          json.writeNumberField("modifiedMs", e.modifiedMs());
          json.writeNumberField("lastAccessMs", e.lastAccessMs());
          json.writeEndObject();
        }
        json.writeEndArray();
        json.writeEndObject();
      }
      channel.force(true);
    }
    try {
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
