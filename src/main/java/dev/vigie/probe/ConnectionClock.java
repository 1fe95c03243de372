package dev.vigie.probe;

import io.vertx.core.http.HttpConnection;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * When each of the probe client's connections became ready (its connect handler: TCP and, for https, TLS done), so
 * a check tells a connection opened for it from one the pool already had. Weak keys: a closed connection goes with
 * the garbage collector; the map is synchronized as connections of several event loops may report here.
 */
final class ConnectionClock {
  private final Map<HttpConnection, Long> readyAt = Collections.synchronizedMap(new WeakHashMap<>());

  /** The client's connect handler. */
  void connected(HttpConnection connection) {
    readyAt.put(connection, System.nanoTime());
  }

  /** Whether {@code connection} was ready before {@code sinceNanos} (a pooled connection). */
  boolean readyBefore(HttpConnection connection, long sinceNanos) {
    Long at = connection == null ? null : readyAt.get(connection);
    return at == null || at < sinceNanos;
  }
}
