package dev.vigie.cache;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;

/**
 * The archive files under {@code <dataDir>/archives/}, each at its key. Every method blocks: call it from a worker,
 * never from an event loop.
 */
final class ArchiveDisk {
  private static final int ZIP_END_RECORD = 0x06054b50;
  private static final int ZIP_END_MIN = 22;
  private static final int ZIP_END_MAX = ZIP_END_MIN + 65535;

  private final Path archives;
  private final Path tmp;

  ArchiveDisk(Path archives, Path tmp) {
    this.archives = archives.toAbsolutePath().normalize();
    this.tmp = tmp.toAbsolutePath().normalize();
  }

  Path archives() {
    return archives;
  }

  Path pathOf(String key) {
    return archives.resolve(key);
  }

  void createDirectories() throws IOException {
    Files.createDirectories(archives);
    Files.createDirectories(tmp);
  }

  /** Moves a verified file to its key's place, replacing what was there; returns the file's modification time. */
  long moveIn(Path source, String key) throws IOException {
    Path target = pathOf(key);
    Files.createDirectories(target.getParent());
    try {
      Files.move(source, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      // Another file system: copy beside the target, then rename, so the cache never shows a partial file.
      Path partial = target.resolveSibling(".incoming-" + UUID.randomUUID());
      try {
        Files.copy(source, partial, StandardCopyOption.REPLACE_EXISTING);
        Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } finally {
        Files.deleteIfExists(partial);
      }
      Files.deleteIfExists(source);
    }
    return Files.getLastModifiedTime(target).toMillis();
  }

  /**
   * Deletes the file of {@code key} when it is still the one observed (same size and modification time; -1 skips
   * the check), then prunes directories left empty. Returns true when a file was deleted.
   */
  boolean delete(String key, long expectedBytes, long expectedModifiedMs) throws IOException {
    return deletePath(pathOf(key), expectedBytes, expectedModifiedMs);
  }

  boolean deletePath(Path file, long expectedBytes, long expectedModifiedMs) throws IOException {
    BasicFileAttributes attributes;
    try {
      attributes = Files.readAttributes(file, BasicFileAttributes.class);
    } catch (NoSuchFileException e) {
      return false;
    }
    if (expectedBytes >= 0 && (attributes.size() != expectedBytes
        || attributes.lastModifiedTime().toMillis() != expectedModifiedMs)) {
      return false;
    }
    boolean deleted = Files.deleteIfExists(file);
    pruneEmptyParents(file.getParent());
    return deleted;
  }

  static String sha256(Path file) throws IOException {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    byte[] buffer = new byte[1 << 16];
    try (InputStream in = Files.newInputStream(file)) {
      int n;
      while ((n = in.read(buffer)) > 0) {
        digest.update(buffer, 0, n);
      }
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  /** True when the file ends with a ZIP end-of-central-directory record: a cheap test against truncated archives. */
  static boolean looksLikeCompleteZip(Path file) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = channel.size();
      if (size < ZIP_END_MIN) {
        return false;
      }
      int window = (int) Math.min(size, ZIP_END_MAX);
      ByteBuffer buffer = ByteBuffer.allocate(window).order(java.nio.ByteOrder.LITTLE_ENDIAN);
      channel.position(size - window);
      while (buffer.hasRemaining() && channel.read(buffer) > 0) {
        // reads the tail
      }
      for (int i = window - ZIP_END_MIN; i >= 0; i--) {
        if (buffer.getInt(i) == ZIP_END_RECORD) {
          int commentLength = Short.toUnsignedInt(buffer.getShort(i + 20));
          return i + ZIP_END_MIN + commentLength == window;
        }
      }
      return false;
    }
  }

  private void pruneEmptyParents(Path dir) throws IOException {
    Path current = dir;
    while (current != null && current.startsWith(archives) && !current.equals(archives)) {
      try {
        Files.deleteIfExists(current);
      } catch (DirectoryNotEmptyException e) {
        return;
      }
      current = current.getParent();
    }
  }
}
