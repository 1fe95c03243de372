package dev.vigie.cache;

import dev.vigie.bus.Failures;
import dev.vigie.bus.Refusal;
import dev.vigie.vision.ArchiveKey;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;

/** A PUT ({@code vigie.cache.put}) checked field by field: a verified file inside {@code dataDir} and its key. */
record PutRequest(String key, Path file, String sha256, long bytes) {

  /** The request, or a {@link Refusal}: 400 {@code BAD_REQUEST} for a bad field, 413 {@code TOO_LARGE}. */
  static PutRequest from(JsonObject message, CacheSettings settings) {
    JsonObject body = message == null ? new JsonObject() : message;
    String key = body.getValue("key") instanceof String s ? s : null;
    String file = body.getValue("file") instanceof String s ? s : null;
    String sha = body.getValue("sha256") instanceof String s ? s.toLowerCase(Locale.ROOT) : null;
    Long bytes = body.getValue("bytes") instanceof Number n ? n.longValue() : null;
    if (!ArchiveKey.isSafe(key)) {
      throw badRequest("key must be a Binance Vision path like data/spot/daily/klines/BTCUSDT/1m/BTCUSDT-1m-2024-03-01.zip");
    }
    if (file == null || file.isBlank()) {
      throw badRequest("file must be the path of the verified file");
    }
    if (sha == null || !sha.matches("[0-9a-f]{64}")) {
      throw badRequest("sha256 must be 64 hexadecimal digits");
    }
    if (bytes == null || bytes < 0) {
      throw badRequest("bytes must be a non-negative whole number");
    }
    if (bytes > settings.maxBytes()) {
      throw new Refusal(Failures.TOO_LARGE, "TOO_LARGE",
          key + " is " + bytes + " bytes, over cache.maxBytes (" + settings.maxBytes() + ")");
    }
    Path source = inside(file, settings.dataDir().toAbsolutePath().normalize());
    if (source == null) {
      throw badRequest("file must be a path inside dataDir (" + settings.dataDir() + ")");
    }
    return new PutRequest(key, source, sha, bytes);
  }

  /**
   * Blocking: checks the file's size and, when {@code hash}, its SHA-256 against the request; a 409 {@link Refusal}
   * ({@code SIZE_MISMATCH}, {@code CHECKSUM_MISMATCH}) when the file is not what the sender says.
   */
  void verify(boolean hash) throws IOException {
    long size = Files.size(file);
    if (size != bytes) {
      throw mismatch("SIZE_MISMATCH", "the file has " + size + " bytes, not " + bytes);
    }
    if (hash) {
      String actual = ArchiveDisk.sha256(file);
      if (!actual.equals(sha256)) {
        throw mismatch("CHECKSUM_MISMATCH", "the file's SHA-256 is " + actual + ", not " + sha256);
      }
    }
  }

  private Refusal mismatch(String code, String reason) {
    return new Refusal(Failures.CONFLICT, code, key + " refused: " + reason);
  }

  private static Path inside(String file, Path dataDir) {
    try {
      Path path = Path.of(file).toAbsolutePath().normalize();
      return path.startsWith(dataDir) ? path : null;
    } catch (InvalidPathException e) {
      return null;
    }
  }

  private static Refusal badRequest(String message) {
    return new Refusal(Failures.BAD_REQUEST, "BAD_REQUEST", message);
  }
}
