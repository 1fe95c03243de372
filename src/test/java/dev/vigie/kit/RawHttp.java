package dev.vigie.kit;

import static dev.vigie.kit.Wait.await;

import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetClient;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP written byte for byte on a plain TCP connection: for requests no well-behaved client sends (forged Host,
 * malformed request lines, oversized headers, raw websocket handshakes). Each exchange opens its own connection and
 * reads until the server closes it, or until a {@code 101} handshake's headers are complete.
 */
public final class RawHttp implements AutoCloseable {
  private final NetClient client;
  private final int port;

  public RawHttp(Vertx vertx, int port) {
    this.client = vertx.createNetClient();
    this.port = port;
  }

  /** One answer: status, headers (lower-case names), body. */
  public record Answer(int status, Map<String, String> headers, String body) {
    public JsonObject json() {
      return new JsonObject(body);
    }
  }

  /**
   * Sends {@code request} as given (lines joined with CRLF by the caller) and returns the answer. Well-formed
   * requests should carry {@code Connection: close} so the server ends the exchange.
   */
  public Answer exchange(String request) {
    Promise<Buffer> done = Promise.promise();
    Buffer received = Buffer.buffer();
    client.connect(port, "127.0.0.1").onFailure(done::tryFail).onSuccess(socket -> {
      socket.handler(chunk -> {
        received.appendBuffer(chunk);
        if (complete(received.toString(StandardCharsets.ISO_8859_1))) {
          done.tryComplete(received);
          socket.close();
        }
      });
      socket.closeHandler(v -> done.tryComplete(received));
      socket.write(Buffer.buffer(request.getBytes(StandardCharsets.ISO_8859_1)));
    });
    return parse(await("an answer to " + request.lines().findFirst().orElse(""), done.future()).toString(StandardCharsets.UTF_8));
  }

  /** A request with these headers and {@code Connection: close}; {@code Host} is whatever the caller puts in. */
  public Answer request(String method, String uri, Map<String, String> headers) {
    return request(method, uri, headers, null);
  }

  /** As {@link #request(String, String, Map)}, with a body (ASCII) and its Content-Length. */
  public Answer request(String method, String uri, Map<String, String> headers, String body) {
    StringBuilder sb = new StringBuilder(method).append(' ').append(uri).append(" HTTP/1.1\r\n");
    headers.forEach((k, v) -> sb.append(k).append(": ").append(v).append("\r\n"));
    if (body != null) {
      sb.append("Content-Length: ").append(body.length()).append("\r\n");
    }
    return exchange(sb.append("Connection: close\r\n\r\n").append(body == null ? "" : body).toString());
  }

  /** A websocket handshake on {@code uri}: 101 when accepted (the answer ends with the headers, or the refusal's body). */
  public Answer upgrade(String uri, Map<String, String> headers) {
    StringBuilder sb = new StringBuilder("GET ").append(uri).append(" HTTP/1.1\r\n")
        .append("Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n")
        .append("Sec-WebSocket-Version: 13\r\n");
    headers.forEach((k, v) -> sb.append(k).append(": ").append(v).append("\r\n"));
    return exchange(sb.append("\r\n").toString());
  }

  /** A 101's headers, or an answer whose Content-Length is all there (a refused handshake keeps its connection). */
  private static boolean complete(String text) {
    int end = text.indexOf("\r\n\r\n");
    if (end < 0) {
      return false;
    }
    if (text.startsWith("HTTP/1.1 101")) {
      return true;
    }
    Answer head = parse(text.substring(0, end + 4));
    String length = head.headers().get("content-length");
    return length != null && text.length() - end - 4 >= Integer.parseInt(length);
  }

  private static Answer parse(String text) {
    int end = text.indexOf("\r\n\r\n");
    if (!text.startsWith("HTTP/") || end < 0) {
      throw new AssertionError("not an HTTP answer: " + text);
    }
    String[] lines = text.substring(0, end).split("\r\n");
    int status = Integer.parseInt(lines[0].split(" ")[1]);
    Map<String, String> headers = new LinkedHashMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
    }
    return new Answer(status, headers, text.substring(end + 4));
  }

  @Override
  public void close() {
    client.close();
  }
}
