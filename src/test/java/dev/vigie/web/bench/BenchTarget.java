package dev.vigie.web.bench;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;

/** The Vigie the hostile bench's clients reach (its port and token), and how each of them asks it. */
record BenchTarget(int port, String token) {
  RequestOptions request(HttpMethod method, String host, String uri) {
    return new RequestOptions().setMethod(method).setHost(host).setPort(port).setURI(uri)
        .setHeaders(MultiMap.caseInsensitiveMultiMap().add("Authorization", "Bearer " + token));
  }

  WebSocketConnectOptions wsConnect(String host, String uri) {
    // An IPv6 literal goes in brackets, or the Host header cannot be parsed and the handshake stalls.
    return new WebSocketConnectOptions().setHost(host.contains(":") ? "[" + host + "]" : host).setPort(port)
        .setURI(uri + "?token=" + token);
  }

  static WebSocketClientOptions wsOptions(String localAddress) {
    // Update frames and snapshots carry every hostile section: about 1 MB.
    return new WebSocketClientOptions().setLocalAddress(localAddress).setMaxFrameSize(1 << 20)
        .setMaxMessageSize(16 << 20);
  }

  static String status(Throwable e) {
    return e instanceof UpgradeRejectedException rejected ? String.valueOf(rejected.getStatus())
        : e.getClass().getSimpleName();
  }
}
