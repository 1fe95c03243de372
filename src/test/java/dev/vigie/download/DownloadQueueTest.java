package dev.vigie.download;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigie.vision.ArchiveSpec;
import dev.vigie.vision.VisionPath;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class DownloadQueueTest {
  private final AtomicLong clock = new AtomicLong(1_000);
  private final DownloadQueue queue = new DownloadQueue(2, 4, 3, clock::get);

  private static ArchiveSpec day(int day) {
    return VisionPath.parse(String.format("data/spot/daily/klines/BTCUSDT/1m/BTCUSDT-1m-2024-01-%02d.zip", day));
  }

  private static List<String> keys(Iterable<Job> jobs) {
    List<String> keys = new ArrayList<>();
    jobs.forEach(j -> keys.add(j.key));
    return keys;
  }

  @Test
  void anArchiveAlreadyQueuedOrRunningIsAnsweredNotQueuedTwice() {
    DownloadQueue.Enqueued first = queue.enqueue(day(1), false, false);
    DownloadQueue.Enqueued again = queue.enqueue(day(1), true, false);
    assertTrue(first.added());
    assertFalse(again.added());
    assertSame(first.job(), again.job());
    assertEquals(1, queue.queued().size());

    queue.next();
    assertFalse(queue.enqueue(day(1), false, false).added(), "running counts as pending too");
    queue.finish(first.job(), new TransferOutcome.Completed("/a", "00", 5));
    DownloadQueue.Enqueued afterwards = queue.enqueue(day(1), false, false);
    assertTrue(afterwards.added(), "a finished archive can be asked for again");
    assertEquals("d2", afterwards.job().id);
  }

  @Test
  void jobsStartInTheOrderTheyWereQueuedAndNeverMoreThanTheLimitAtOnce() {
    for (int d = 1; d <= 5; d++) {
      queue.enqueue(day(d), false, false);
    }
    clock.set(2_000);
    List<Job> started = queue.next();
    assertEquals(List.of(day(1).key(), day(2).key()), keys(started));
    started.forEach(j -> {
      assertEquals(Job.State.ACTIVE, j.state);
      assertEquals(2_000, j.startedAt);
    });
    assertTrue(queue.next().isEmpty(), "two running: the limit");
    assertEquals(List.of(day(3).key(), day(4).key(), day(5).key()), keys(queue.queued()));
    assertEquals(List.of(day(1).key(), day(2).key(), day(3).key(), day(4).key(), day(5).key()), keys(queue.pending()),
        "the journal keeps the running ones, then the queue");

    queue.finish(started.get(1), new TransferOutcome.Completed("/b", "00", 5));
    assertEquals(List.of(day(3).key()), keys(queue.next()), "one ended, one more starts: the oldest waiting");
    assertEquals(List.of(day(1).key(), day(3).key()), keys(queue.active()));
  }

  @Test
  void recentKeepsTheNewestFinishedOnesUpToItsSize() {
    for (int d = 1; d <= 5; d++) {
      Job job = queue.enqueue(day(d), false, false).job();
      queue.next();
      queue.finish(job, new TransferOutcome.Completed("/" + d, "00", d));
    }
    assertEquals(List.of(day(5).key(), day(4).key(), day(3).key()), keys(queue.recent()));
    assertTrue(queue.active().isEmpty());
  }

  @Test
  void eachOutcomeIsWrittenIntoItsJobAndCounted() {
    Job done = start(1);
    Job missing = start(2);
    clock.set(1_500);
    queue.finish(done, new TransferOutcome.Completed("/archives/x.zip", "abc", 42));
    queue.finish(missing, new TransferOutcome.Failed(DownloadFailure.permanent(DownloadFailure.MISSING, "404")));
    Job broken = start(3);
    Job unwritable = start(4);
    queue.corrupted(broken, 1);
    queue.corrupted(broken, 2);
    queue.finish(broken, new TransferOutcome.Failed(DownloadFailure.mismatch("sha differs")));
    queue.finish(unwritable, new TransferOutcome.Failed(DownloadFailure.permanent(DownloadFailure.IO_ERROR, "disk full")));

    assertEquals(Job.State.DONE, done.state);
    assertEquals("/archives/x.zip", done.path);
    assertEquals("abc", done.sha256);
    assertEquals(42, done.bytes);
    assertEquals(1_500, done.finishedAt);
    assertEquals(Job.State.FAILED, missing.state);
    assertEquals(DownloadFailure.MISSING, missing.error);
    assertEquals("404", missing.message);
    assertEquals(2, broken.corrupted);

    assertEquals(1, queue.completed());
    assertEquals(2, queue.failed(), "missing archives are counted apart");
    assertEquals(1, queue.missing());
    assertEquals(2, queue.corrupted());
    assertEquals("disk full", queue.storageError());

    queue.finish(start(5), new TransferOutcome.Completed("/y", "def", 1));
    assertNull(queue.storageError(), "a completed download clears the storage error");
  }

  @Test
  void progressAndAttemptsAreWrittenIntoTheJob() {
    Job job = start(1);
    queue.attempt(job, 3);
    queue.progress(job, new TransferProgress(10, 100, 5.0, true));
    assertEquals(3, job.attempts);
    assertEquals(10, job.bytes);
    assertEquals(100, job.total);
    assertEquals(5.0, job.bytesPerSecond);
    assertTrue(job.resumed);
  }

  private Job start(int day) {
    Job job = queue.enqueue(day(day), false, false).job();
    assertTrue(queue.next().contains(job));
    return job;
  }

  @Test
  void theQueueHasRoomForMaxQueuedPendingJobsRunningOnesIncluded() {
    for (int d = 1; d <= 6; d++) {
      queue.enqueue(day(d), false, false);
    }
    assertEquals(0, queue.room(), "six pending, four allowed: full (the caller refuses)");
    queue.next();
    assertEquals(0, queue.room(), "two running, four waiting: still six pending");
    queue.finish(queue.active().iterator().next(), new TransferOutcome.Completed("/a", "00", 5));
    queue.finish(queue.active().iterator().next(), new TransferOutcome.Completed("/a", "00", 5));
    queue.next();
    assertEquals(0, queue.room(), "four pending");
    queue.finish(queue.active().iterator().next(), new TransferOutcome.Completed("/a", "00", 5));
    assertEquals(1, queue.room());
    assertTrue(queue.pending(day(6)));
    assertFalse(queue.pending(day(1)), "finished");
  }

  @Test
  void pagesRunFromTheNewestJobDownAndNewJobsDoNotShiftLaterPages() {
    for (int d = 1; d <= 5; d++) {
      queue.enqueue(day(d), false, false);
    }
    queue.next();
    List<Job> first = queue.page(Long.MAX_VALUE, 2);
    assertEquals(List.of("d5", "d4"), first.stream().map(j -> j.id).toList());
    queue.enqueue(day(6), false, false);
    List<Job> second = queue.page(first.get(1).seq, 2);
    assertEquals(List.of("d3", "d2"), second.stream().map(j -> j.id).toList(), "queued and running alike");
    assertEquals(List.of("d1"), queue.page(second.get(1).seq, 2).stream().map(j -> j.id).toList());
    assertTrue(queue.page(1, 2).isEmpty());
  }
}
