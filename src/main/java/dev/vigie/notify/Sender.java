package dev.vigie.notify;

import io.vertx.core.Future;

/** Delivers one notice to one channel, once; succeeds only when the receiver accepted it. */
interface Sender {
  Future<Void> send(Notice notice);

  /**
   * The receiver is up and refuses this message (HTTP 4xx other than 408 and 429): retrying will not help, and it
   * says nothing against the channel, so it neither retries nor counts against the breaker.
   */
  final class Rejected extends RuntimeException {
    Rejected(String message) {
      super(message, null, false, false);
    }
  }

  /** Releases what the sender holds (a mail client's connections). */
  default void close() {
  }
}
