package dev.vigie.quality;

import dev.vigie.bus.Failures;
import dev.vigie.bus.Refusal;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * The only place scans may read: paths are resolved against the data directory and, after following links, must
 * stay inside it, so {@code POST /api/quality/scan {path}} cannot read the rest of the machine. Blocking.
 */
final class DataDirectory {
  private final Path root;

  DataDirectory(String dataDir) {
    this.root = Path.of(dataDir).toAbsolutePath().normalize();
  }

  /**
   * The real path of a regular file inside the data directory; relative paths are taken from the directory.
   * Throws a {@link Refusal} (400, 403 OUTSIDE_DATA_DIR, 404) for anything else.
   */
  Path resolve(String given) {
    Path candidate;
    try {
      Path p = Path.of(given);
      candidate = (p.isAbsolute() ? p : root.resolve(p)).normalize();
    } catch (InvalidPathException e) {
      throw new Refusal(Failures.BAD_REQUEST, "BAD_REQUEST", "path is not a valid path: " + e.getMessage());
    }
    if (!candidate.startsWith(root)) {
      throw outside(given);
    }
    Path real;
    Path realRoot;
    try {
      real = candidate.toRealPath();
      realRoot = root.toRealPath();
    } catch (IOException e) {
      throw new Refusal(Failures.NOT_FOUND, "NOT_FOUND", "no file at " + given + " in the data directory");
    }
    if (!real.startsWith(realRoot)) {
      throw outside(given);
    }
    if (!Files.isRegularFile(real)) {
      throw new Refusal(Failures.BAD_REQUEST, "BAD_REQUEST", given + " is not a regular file");
    }
    return real;
  }

  private Refusal outside(String given) {
    return new Refusal(Failures.FORBIDDEN, "OUTSIDE_DATA_DIR", given + " is outside the data directory; scans read only under " + root);
  }
}
