package dev.vigie.kit;

import static dev.vigie.kit.Wait.await;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;

/** A client of one loopback HTTP server for tests: each call waits for the whole response. */
public final class TestHttp {
  private final WebClient client;

  public TestHttp(Vertx vertx, int port) {
    this.client = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port));
  }

  public HttpResponse<Buffer> get(String uri) {
    return send(request(HttpMethod.GET, uri));
  }

  /** A POST without a body. */
  public HttpResponse<Buffer> post(String uri) {
    return send(request(HttpMethod.POST, uri));
  }

  public HttpResponse<Buffer> post(String uri, JsonObject body) {
    return await("POST " + uri, client.request(HttpMethod.POST, uri).sendJsonObject(body));
  }

  public HttpResponse<Buffer> delete(String uri) {
    return send(request(HttpMethod.DELETE, uri));
  }

  /** A request to complete (headers, query) before {@link #send}ing it. */
  public HttpRequest<Buffer> request(HttpMethod method, String uri) {
    return client.request(method, uri);
  }

  public HttpResponse<Buffer> send(HttpRequest<Buffer> request) {
    return await(request.method() + " " + request.uri(), request.send());
  }

  /** Sends {@code body} byte for byte (JSON no JsonObject can hold, e.g. 2^64 or 1e400). */
  public HttpResponse<Buffer> send(HttpRequest<Buffer> request, String body) {
    return await(request.method() + " " + request.uri(), request.sendBuffer(Buffer.buffer(body)));
  }
}
