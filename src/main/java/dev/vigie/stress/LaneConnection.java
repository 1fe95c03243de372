package dev.vigie.stress;

/** The connection a closed-model lane holds, as each of wrk's connections: one exchange at a time on it. */
interface LaneConnection {
  /** Sends the exchange's request on this connection; the exchange hears how it ended. */
  void carry(RequestSender.Exchange exchange);

  /** Runs once the connection is closed, by either side. */
  void closeHandler(Runnable closed);

  /** Fails the exchange in flight with a timeout and closes, when its request has waited {@code timeoutNanos} by {@code nowNanos}. */
  void expireIfLate(long nowNanos);

  void close();
}
