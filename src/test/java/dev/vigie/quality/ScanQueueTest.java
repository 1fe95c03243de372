package dev.vigie.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigie.bus.Refusal;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The scan queue on its own: arrival order, the running bound, cancellation, lookups. No Vert.x. */
class ScanQueueTest {
  private static final String KEY = "data/spot/daily/klines/BTCUSDT/1m/BTCUSDT-1m-2024-01-01.zip";

  private final ScanQueue scans = new ScanQueue(2, 4, 10);

  private ScanJob add(String key) {
    return scans.add(key, Path.of("/tmp/" + (key == null ? "x.zip" : key)), "request");
  }

  private static JsonObject completed() {
    return new JsonObject().put("state", "completed").put("rows", 10L).put("scorePercent", 100.0)
        .put("gaps", new JsonObject().put("count", 0L));
  }

  @Test
  void startsInArrivalOrderAndNeverMoreThanTheBound() {
    ScanJob a = add(null);
    ScanJob b = add(null);
    ScanJob c = add(null);
    ScanJob d = add(null);

    assertEquals(List.of(a, b), scans.startable());
    assertEquals(ScanJob.State.RUNNING, a.state);
    assertEquals(List.of(c, d), List.copyOf(scans.queued()));
    assertEquals(List.of(), scans.startable(), "no room while two run");

    scans.finish(b, completed());
    assertEquals(List.of(c), scans.startable(), "one ended, the oldest waiting one starts");
    assertEquals(List.of(a, c), List.copyOf(scans.running()));
    assertEquals(List.of(d), List.copyOf(scans.queued()));
    assertEquals(List.of(b), scans.recentNewestFirst());
    assertEquals(ScanJob.State.COMPLETED, b.state);
  }

  @Test
  void aQueuedScanCancelledEndsAtOnceAndNeverStarts() {
    scans.startable();
    add(null);
    add(null);
    scans.startable();
    ScanJob waiting = add(KEY);

    assertSame(waiting, scans.cancel(waiting.id));

    assertEquals(ScanJob.State.CANCELLED, waiting.state);
    assertFalse(waiting.cancelled.get(), "nothing to interrupt");
    assertEquals("CANCELLED", waiting.report.getJsonObject("failure").getString("error"));
    assertTrue(scans.queued().isEmpty());
    assertEquals(List.of(waiting), scans.recentNewestFirst());
    assertSame(waiting, scans.find(null, KEY));
    Refusal again = assertThrows(Refusal.class, () -> scans.cancel(waiting.id));
    assertEquals(409, again.status());
    assertEquals("ALREADY_FINISHED", again.code());
  }

  @Test
  void aRunningScanCancelledIsOnlyAskedToStop() {
    ScanJob running = add(null);
    scans.startable();

    scans.cancel(running.id);

    assertTrue(running.cancelled.get());
    assertEquals(ScanJob.State.RUNNING, running.state);
    assertEquals(List.of(running), List.copyOf(scans.running()));
  }

  @Test
  void cancellingAnUnknownScanIsRefused() {
    Refusal unknown = assertThrows(Refusal.class, () -> scans.cancel("scan-nope"));
    assertEquals(404, unknown.status());
    assertEquals("UNKNOWN_SCAN", unknown.code());
    assertEquals(404, assertThrows(Refusal.class, () -> scans.cancel(null)).status());
  }

  @Test
  void findsByIdOrTheLatestScanOfAKey() {
    ScanJob first = add(KEY);
    scans.startable();
    scans.finish(first, completed());
    assertSame(first, scans.find(null, KEY));

    ScanJob running = add(KEY);
    scans.startable();
    assertSame(running, scans.find(null, KEY), "running beats finished");

    ScanJob other = add(null);
    ScanJob waiting = add(KEY);
    assertEquals(List.of(other), scans.startable());
    assertSame(waiting, scans.find(null, KEY), "waiting beats running");
    assertSame(first, scans.find(first.id, null));
    assertNull(scans.find(null, null));
    assertNull(scans.find("scan-nope", null));
  }

  @Test
  void theScanOfAFileWaitingOrRunningIsFoundByItsPathUntilCancelled() {
    ScanJob running = scans.add(KEY, Path.of("/tmp/a/../" + KEY), "request");
    scans.startable();
    ScanJob waiting = scans.add(null, Path.of("/tmp/other.zip"), "request");
    scans.startable();
    scans.startable();
    ScanJob third = scans.add(null, Path.of("/tmp/third.zip"), "request");

    assertSame(running, scans.pending(Path.of("/tmp/" + KEY)), "the same file, however written");
    assertSame(third, scans.pending(Path.of("/tmp/third.zip")));
    assertNull(scans.pending(Path.of("/tmp/never.zip")));
    scans.cancel(running.id);
    assertNull(scans.pending(Path.of("/tmp/" + KEY)), "a scan being cancelled is not joined");
    scans.finish(waiting, completed());
    assertNull(scans.pending(Path.of("/tmp/other.zip")), "a finished scan is not pending");
  }

  @Test
  void pastMaxQueuedAScanIsRefusedWithQueueFull() {
    add(null);
    add(null);
    scans.startable();
    for (int i = 0; i < 4; i++) {
      scans.add(null, Path.of("/tmp/q" + i + ".zip"), "request");
    }
    Refusal full = assertThrows(Refusal.class, () -> scans.add(null, Path.of("/tmp/q4.zip"), "request"));
    assertEquals(429, full.status());
    assertEquals("QUEUE_FULL", full.code());
    assertTrue(full.getMessage().contains("quality.maxQueued = 4"), full.getMessage());
    assertEquals(4, scans.queued().size());
  }

  @Test
  void recentReportsAreBounded() {
    ScanQueue small = new ScanQueue(1, 10, 2);
    for (int i = 0; i < 3; i++) {
      ScanJob job = small.add(null, Path.of("/tmp/" + i + ".zip"), "request");
      small.startable();
      small.finish(job, completed());
    }
    assertEquals(List.of("/tmp/2.zip", "/tmp/1.zip"),
        small.recentNewestFirst().stream().map(j -> j.path.toString()).toList());
  }
}
