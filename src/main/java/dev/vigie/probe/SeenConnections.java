package dev.vigie.probe;

import io.vertx.core.http.HttpConnection;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * The probe client's connections a check has already used, so a check tells a connection opened for it from one the
 * pool kept alive. (The client's connect handler would say it too, but setting one slowed new connections down by
 * seconds on Vert.x 5.0.8 under load: {@code ProbeFailureReasonsTest} timed out.) Weak keys: a closed connection goes
 * with the garbage collector; synchronized, as connections of several event loops may be checked here.
 */
final class SeenConnections {
  private final Map<HttpConnection, Boolean> seen = Collections.synchronizedMap(new WeakHashMap<>());

  /** Whether a check used {@code connection} before; from now on it has. */
  boolean reused(HttpConnection connection) {
    return connection != null && seen.put(connection, Boolean.TRUE) != null;
  }
}
