package dev.vigie.notify;

import io.vertx.core.Future;

/** Delivers one notice to one channel, once; succeeds only when the receiver accepted it. */
interface Sender {
  Future<Void> send(Notice notice);

  /** Releases what the sender holds (a mail client's connections). */
  default void close() {
  }
}
