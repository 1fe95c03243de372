package dev.vigie.probe;

import io.vertx.core.http.HttpClosedException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.nio.channels.ClosedChannelException;
import java.util.Locale;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;

/** Why a probe failed: one of a fixed list, so alerts, charts and people can count causes. */
enum FailureReason {
  DNS, CONNECT, TIMEOUT, TLS, RESET, STATUS, ASSERTION, INVALID_BODY, REDIRECT;

  String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Classifies a transport failure by walking its causes; anything unrecognised failed before an answer: connect. */
  static FailureReason of(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof UnknownHostException) {
        return DNS;
      }
      if (t instanceof SSLException) {
        return TLS;
      }
      if (t instanceof ConnectException) {
        return CONNECT;
      }
      if (t instanceof TimeoutException || t.getClass().getSimpleName().contains("Timeout")) {
        return TIMEOUT;
      }
      if (t instanceof HttpClosedException || t instanceof ClosedChannelException) {
        return RESET;
      }
      String text = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
      if (t instanceof IOException && (text.contains("reset") || text.contains("closed") || text.contains("broken pipe"))) {
        return RESET;
      }
    }
    return CONNECT;
  }
}
