package dev.vigie.probe;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Arrays;

/**
 * One endpoint's last results in primitive arrays (about 15 bytes a result, no object per result): ten thousand
 * endpoints keep their charts, history and window percentiles in tens of megabytes. The window's percentiles are
 * exact (nearest rank) over the results it holds that are younger than the window.
 */
final class ResultRing {
  /** No status code: no answer came. */
  static final short NO_STATUS = 0;
  /** Not a failure: the result was good. */
  static final byte OK = -1;

  private final long[] timeMs;
  private final float[] latencyMs;
  private final short[] status;
  private final byte[] reason;
  private int next;
  private int size;

  record Window(long samples, long ok, double p50, double p95, double p99) {
    double successRatio() {
      return samples == 0 ? Double.NaN : (double) ok / samples;
    }
  }

  ResultRing(int capacity) {
    timeMs = new long[capacity];
    latencyMs = new float[capacity];
    status = new short[capacity];
    reason = new byte[capacity];
  }

  void record(long atMs, double ms, Integer statusCode, FailureReason failure) {
    timeMs[next] = atMs;
    latencyMs[next] = (float) ms;
    status[next] = statusCode == null ? NO_STATUS : statusCode.shortValue();
    reason[next] = failure == null ? OK : (byte) failure.ordinal();
    next = (next + 1) % timeMs.length;
    size = Math.min(size + 1, timeMs.length);
  }

  int size() {
    return size;
  }

  /** The index in the arrays of the i-th result kept, oldest first. */
  private int at(int i) {
    return (next - size + i + timeMs.length) % timeMs.length;
  }

  /** Percentiles and success ratio of the results younger than {@code windowMs}. */
  Window window(long nowMs, long windowMs) {
    float[] values = new float[size];
    int n = 0;
    long ok = 0;
    for (int i = 0; i < size; i++) {
      int k = at(i);
      if (nowMs - timeMs[k] <= windowMs) {
        values[n++] = latencyMs[k];
        ok += reason[k] == OK ? 1 : 0;
      }
    }
    if (n == 0) {
      return new Window(0, 0, Double.NaN, Double.NaN, Double.NaN);
    }
    Arrays.sort(values, 0, n);
    return new Window(n, ok, rank(values, n, 50), rank(values, n, 95), rank(values, n, 99));
  }

  private static double rank(float[] sorted, int n, double percentile) {
    int index = (int) Math.ceil(percentile / 100 * n) - 1;
    return Math.round(sorted[Math.max(0, Math.min(n - 1, index))] * 10) / 10.0;
  }

  /** The last {@code points} results as parallel arrays, oldest first: {@code {t: [epoch ms], ms: [...], ok: [...]}}. */
  JsonObject chart(int points) {
    JsonArray t = new JsonArray();
    JsonArray ms = new JsonArray();
    JsonArray ok = new JsonArray();
    for (int i = Math.max(0, size - points); i < size; i++) {
      int k = at(i);
      t.add(timeMs[k]);
      ms.add(Math.round(latencyMs[k] * 10) / 10.0);
      ok.add(reason[k] == OK);
    }
    return new JsonObject().put("t", t).put("ms", ms).put("ok", ok);
  }

  /** Every result kept, oldest first: {@code {time, latencyMs, ok, statusCode?, reason?}}. */
  JsonArray history() {
    JsonArray array = new JsonArray();
    for (int i = 0; i < size; i++) {
      int k = at(i);
      JsonObject r = new JsonObject().put("time", java.time.Instant.ofEpochMilli(timeMs[k]).toString())
          .put("latencyMs", Math.round(latencyMs[k] * 10) / 10.0).put("ok", reason[k] == OK);
      if (status[k] != NO_STATUS) {
        r.put("statusCode", (int) status[k]);
      }
      if (reason[k] != OK) {
        r.put("reason", FailureReason.values()[reason[k]].wire());
      }
      array.add(r);
    }
    return array;
  }
}
