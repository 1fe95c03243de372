package dev.vigie.stress;

/**
 * The closed model: each of C connections sends its next request as soon as the previous answer arrives, until the
 * request count or the deadline is reached. There is no schedule, so corrected and uncorrected latency coincide
 * except for pool wait; achieved throughput is the result.
 */
final class ClosedLoad implements Load {
  private final RequestSender sender;
  private final RunCounters counters;
  private final int connections;
  private final long requests;
  private final long deadlineMs;
  private final Runnable next = this::next;
  private long deadlineNanos;
  private boolean stopped;
  private Runnable whenDone;

  /** @param requests total to send, 0 for no bound but the deadline */
  ClosedLoad(RequestSender sender, RunCounters counters, int connections, long requests, long deadlineMs) {
    this.sender = sender;
    this.counters = counters;
    this.connections = connections;
    this.requests = requests;
    this.deadlineMs = deadlineMs;
  }

  @Override
  public void start(Runnable whenDone) {
    this.whenDone = whenDone;
    deadlineNanos = System.nanoTime() + deadlineMs * 1_000_000;
    for (int i = 0; i < connections; i++) {
      next();
    }
  }

  private void next() {
    if (stopped) {
      return;
    }
    long now = System.nanoTime();
    if ((requests > 0 && counters.sent >= requests) || now >= deadlineNanos) {
      if (counters.inFlight == 0) {
        stopped = true;
        whenDone.run();
      }
      return;
    }
    sender.send(now, next);
  }

  @Override
  public void stop() {
    stopped = true;
  }
}
