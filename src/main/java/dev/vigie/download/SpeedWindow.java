package dev.vigie.download;

/** The bytes received by all transfers together since the last reading: the section's download speed. */
final class SpeedWindow {
  private long bytes;
  private long start;

  /**
   * @param start epoch milliseconds the first window opens at
   */
  SpeedWindow(long start) {
    this.start = start;
  }

  void received(long count) {
    bytes += count;
  }

  /** The rate over the window ending {@code now}, which opens the next one. */
  double bytesPerSecond(long now) {
    double rate = bytes * 1000.0 / Math.max(1, now - start);
    bytes = 0;
    start = now;
    return rate;
  }
}
