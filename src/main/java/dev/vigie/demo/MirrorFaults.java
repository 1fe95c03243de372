package dev.vigie.demo;

import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Faults the mirror plays per archive (keyed like the cache: {@code data/spot/.../X.zip}), set from tests through
 * this Java API or over the mirror's {@code /_faults} admin path. Thread-safe: tests set faults from their own thread.
 */
public final class MirrorFaults {
  /**
   * What goes wrong for one archive.
   *
   * @param status answer this status (404, 429, 503, ...) instead of the file, to both the CHECKSUM and the archive
   * @param retryAfterSeconds the Retry-After header sent with {@code status}, or -1 for none
   * @param dropAfterBytes close the connection after this many bytes of the archive, or -1
   * @param times how many requests {@code status} and {@code dropAfterBytes} apply to; -1 for all of them
   * @param wrongChecksum serve a CHECKSUM that does not match the archive
   * @param throttleBytesPerSecond send the archive at this pace, or 0 for full speed
   */
  public record Fault(int status, long retryAfterSeconds, long dropAfterBytes, int times, boolean wrongChecksum,
      long throttleBytesPerSecond) {

    public static Fault status(int status, long retryAfterSeconds, int times) {
      return new Fault(status, retryAfterSeconds, -1, times, false, 0);
    }

    public static Fault dropAfter(long bytes, int times) {
      return new Fault(0, -1, bytes, times, false, 0);
    }

    public static Fault badChecksum() {
      return new Fault(0, -1, -1, -1, true, 0);
    }

    public static Fault throttle(long bytesPerSecond) {
      return new Fault(0, -1, -1, -1, false, bytesPerSecond);
    }

    public Fault withThrottle(long bytesPerSecond) {
      return new Fault(status, retryAfterSeconds, dropAfterBytes, times, wrongChecksum, bytesPerSecond);
    }

    public static Fault fromJson(JsonObject json) {
      return new Fault(json.getInteger("status", 0), json.getLong("retryAfterSeconds", -1L),
          json.getLong("dropAfterBytes", -1L), json.getInteger("times", -1), json.getBoolean("wrongChecksum", false),
          json.getLong("throttleBytesPerSecond", 0L));
    }
  }

  private final Map<String, Fault> faults = new ConcurrentHashMap<>();
  private final Map<String, Integer> used = new ConcurrentHashMap<>();

  public void set(String key, Fault fault) {
    used.remove(key);
    faults.put(key, fault);
  }

  public void clear(String key) {
    faults.remove(key);
    used.remove(key);
  }

  public void clearAll() {
    faults.clear();
    used.clear();
  }

  Fault get(String key) {
    return faults.get(key);
  }

  /** True when the fault's status or drop applies to this request (and counts it). */
  boolean consume(String key) {
    Fault fault = faults.get(key);
    if (fault == null) {
      return false;
    }
    int count = used.merge(key, 1, Integer::sum);
    return fault.times() < 0 || count <= fault.times();
  }
}
