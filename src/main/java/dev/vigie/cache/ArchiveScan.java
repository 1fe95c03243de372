package dev.vigie.cache;

import dev.vigie.vision.ArchiveKey;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Compares the archives directory with what the index expects. Known files are trusted by size and modification
 * time, or re-hashed when {@code verifyKnown} (the sweep); unknown files with a valid key are hashed for adoption
 * when they look like complete ZIPs; everything else is an orphan. Blocking: runs on a worker. It only reads: the
 * cache verticle decides, on its event loop, what to remove.
 */
final class ArchiveScan {
  /** A file as observed on disk; {@code sha256} is null when it was not hashed. */
  record Observed(String key, long bytes, long modifiedMs, String sha256) {
  }

  /** A known file whose SHA-256 is not the recorded one. */
  record Mismatch(Observed file, String expectedSha256) {
  }

  /**
   * @param verified known files that match the index
   * @param corrupted known files whose content changed
   * @param missing entries the index has and the disk has not
   * @param adoptable unknown files with a valid key that look like complete ZIPs, hashed
   * @param broken unknown files with a valid key that are not complete ZIPs
   * @param orphans files whose path is not a valid key (leftovers, strays); {@code key} is the relative path
   * @param hashed how many files were hashed
   */
  record Report(List<Observed> verified, List<Mismatch> corrupted, List<ArchiveEntry> missing, List<Observed> adoptable,
      List<Observed> broken, List<Observed> orphans, int hashed, long durationMs) {

    boolean indexDiffers() {
      return !corrupted.isEmpty() || !missing.isEmpty() || !adoptable.isEmpty();
    }
  }

  private ArchiveScan() {
  }

  static Report run(Path archives, List<ArchiveEntry> known, boolean verifyKnown) throws IOException {
    long started = System.nanoTime();
    Map<String, ArchiveEntry> expected = new HashMap<>();
    known.forEach(e -> expected.put(e.key(), e));
    List<Observed> verified = new ArrayList<>();
    List<Mismatch> corrupted = new ArrayList<>();
    List<Observed> adoptable = new ArrayList<>();
    List<Observed> broken = new ArrayList<>();
    List<Observed> orphans = new ArrayList<>();
    int[] hashed = {0};
    if (Files.isDirectory(archives)) {
      Files.walkFileTree(archives, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
          if (attributes.isRegularFile()) {
            try {
              observe(file, attributes);
            } catch (NoSuchFileException e) {
              // Evicted or replaced while the walk ran: the index already knows.
            }
          }
          return FileVisitResult.CONTINUE;
        }

        private void observe(Path file, BasicFileAttributes attributes) throws IOException {
          String key = archives.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
          long bytes = attributes.size();
          long modified = attributes.lastModifiedTime().toMillis();
          ArchiveEntry entry = expected.remove(key);
          if (!ArchiveKey.isSafe(key)) {
            orphans.add(new Observed(key, bytes, modified, null));
          } else if (entry != null) {
            boolean unchanged = entry.bytes() == bytes && entry.modifiedMs() == modified;
            if (unchanged && !verifyKnown) {
              verified.add(new Observed(key, bytes, modified, entry.sha256()));
            } else {
              hashed[0]++;
              String sha = ArchiveDisk.sha256(file);
              Observed observed = new Observed(key, bytes, modified, sha);
              if (sha.equals(entry.sha256()) && entry.bytes() == bytes) {
                verified.add(observed);
              } else {
                corrupted.add(new Mismatch(observed, entry.sha256()));
              }
            }
          } else if (ArchiveDisk.looksLikeCompleteZip(file)) {
            hashed[0]++;
            adoptable.add(new Observed(key, bytes, modified, ArchiveDisk.sha256(file)));
          } else {
            broken.add(new Observed(key, bytes, modified, null));
          }
        }

        @Override
        public FileVisitResult visitFileFailed(Path file, IOException e) {
          // A file that vanished mid-walk (evicted, replaced) is simply not there.
          return FileVisitResult.CONTINUE;
        }
      });
    }
    List<ArchiveEntry> missing = new ArrayList<>(expected.values());
    return new Report(verified, corrupted, missing, adoptable, broken, orphans, hashed[0],
        (System.nanoTime() - started) / 1_000_000);
  }
}
