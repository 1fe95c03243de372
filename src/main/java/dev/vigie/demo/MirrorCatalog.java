package dev.vigie.demo;

import dev.vigie.vision.ArchiveSpec;
import dev.vigie.vision.BucketListing;
import dev.vigie.vision.VisionPath;
import java.time.Instant;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the mirror says is published, for its S3-style listing: every archive it was told to publish or has served,
 * each with its {@code .CHECKSUM} beside it, as Binance's bucket lists them. An archive can also be withdrawn (absent
 * upstream: 404, and not listed), re-published (a new revision: other bytes, another checksum) or published partly
 * (klines cut at half the period). Thread-safe: tests
 * publish from their own thread while the mirror's event loop lists.
 */
public final class MirrorCatalog {
  private final NavigableMap<String, BucketListing.Entry> listed = new TreeMap<>();
  private final Map<String, Integer> revisions = new ConcurrentHashMap<>();
  private final Map<String, Boolean> withdrawn = new ConcurrentHashMap<>();
  private final Map<String, Boolean> partial = new ConcurrentHashMap<>();

  /** Lists the archive (and its checksum) as published now, unless it was withdrawn. */
  public synchronized void publish(ArchiveSpec spec) {
    String key = spec.key();
    if (withdrawn.containsKey(key) || listed.containsKey(key)) {
      return;
    }
    String now = Instant.now().toString();
    listed.put(key, new BucketListing.Entry(key, 0, now));
    listed.put(key + VisionPath.CHECKSUM_SUFFIX, new BucketListing.Entry(key + VisionPath.CHECKSUM_SUFFIX, 0, now));
  }

  /** Records the size of the archive once generated, as the listing gives it. */
  synchronized void sized(String key, long size) {
    BucketListing.Entry entry = listed.get(key);
    if (entry != null) {
      listed.put(key, new BucketListing.Entry(key, size, entry.lastModified()));
    }
  }

  /** Makes the archive absent upstream: not listed, and 404 for it and its checksum. */
  public synchronized void withdraw(String key) {
    withdrawn.put(key, true);
    listed.remove(key);
    listed.remove(key + VisionPath.CHECKSUM_SUFFIX);
  }

  public boolean isWithdrawn(String key) {
    return withdrawn.containsKey(key);
  }

  /** Re-publishes the archive under the same name with other bytes; returns its new revision. */
  public synchronized int republish(String key) {
    int revision = revisions.merge(key, 1, Integer::sum);
    String now = Instant.now().toString();
    listed.put(key, new BucketListing.Entry(key, 0, now));
    listed.put(key + VisionPath.CHECKSUM_SUFFIX, new BucketListing.Entry(key + VisionPath.CHECKSUM_SUFFIX, 0, now));
    return revision;
  }

  /** Publishes the archive cut short (klines: the second half of the period missing), before anyone fetches it. */
  public void partial(String key) {
    partial.put(key, true);
  }

  public boolean isPartial(String key) {
    return partial.containsKey(key);
  }

  /** The archive's current revision: 0 until re-published. */
  public int revision(String key) {
    return revisions.getOrDefault(key, 0);
  }

  /** One listing page, as S3 answers it. */
  public synchronized BucketListing page(String prefix, String delimiter, String marker) {
    return BucketListing.page(listed, prefix, delimiter, marker);
  }
}
