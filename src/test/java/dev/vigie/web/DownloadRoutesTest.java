package dev.vigie.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigie.config.ConfigLoader;
import dev.vigie.demo.MirrorVerticle;
import dev.vigie.download.DownloadVerticle;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DownloadRoutesTest {
  @TempDir
  Path temp;
  private Vertx vertx;
  private WebClient client;
  private int port;

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    MirrorVerticle mirror = new MirrorVerticle(new MirrorVerticle.Options("127.0.0.1", 0, temp.resolve("m"), 1000, 0));
    vertx.deployVerticle(mirror).await(20, TimeUnit.SECONDS);
    JsonObject config = ConfigLoader.defaults();
    config.put("dataDir", temp.resolve("data").toString());
    config.getJsonObject("http").put("port", 0);
    config.getJsonObject("source").put("baseUrl", mirror.baseUrl());
    DeploymentOptions options = new DeploymentOptions().setConfig(config);
    vertx.deployVerticle(new DownloadVerticle(), options).await(20, TimeUnit.SECONDS);
    WebVerticle web = new WebVerticle(null, List.of("download"));
    vertx.deployVerticle(web, options).await(20, TimeUnit.SECONDS);
    port = web.actualPort();
    client = WebClient.create(vertx);
  }

  @AfterEach
  void stop() throws Exception {
    vertx.close().await(20, TimeUnit.SECONDS);
  }

  private HttpResponse<Buffer> post(JsonObject body) throws Exception {
    return client.post(port, "127.0.0.1", "/api/downloads").sendJsonObject(body).await(20, TimeUnit.SECONDS);
  }

  private static JsonObject valid() {
    return new JsonObject().put("market", "spot").put("period", "daily").put("dataType", "klines")
        .put("symbol", "BTCUSDT").put("interval", "1m").put("date", "2024-03-01");
  }

  @Test
  void badRequestsAnswer400NamingTheField() throws Exception {
    for (String field : List.of("symbol", "interval", "date", "market")) {
      JsonObject body = valid().put(field, field.equals("date") ? "2099-01-01" : "??");
      HttpResponse<Buffer> answer = post(body);
      assertEquals(400, answer.statusCode(), field);
      JsonObject error = answer.bodyAsJsonObject();
      assertEquals("BAD_REQUEST", error.getString("error"));
      assertEquals(field, error.getString("field"));
      assertTrue(error.getString("message").startsWith(field + ":"), error.encode());
    }
    assertEquals(400, client.post(port, "127.0.0.1", "/api/downloads").sendBuffer(Buffer.buffer("[1]"))
        .await(20, TimeUnit.SECONDS).statusCode());
  }

  @Test
  void aValidRequestIsQueuedAndListed() throws Exception {
    HttpResponse<Buffer> answer = post(valid());
    assertEquals(200, answer.statusCode(), answer.bodyAsString());
    String id = answer.bodyAsJsonObject().getJsonArray("queued").getJsonObject(0).getString("id");
    JsonObject list = client.get(port, "127.0.0.1", "/api/downloads").send().await(20, TimeUnit.SECONDS)
        .bodyAsJsonObject();
    String all = list.getJsonArray("queued").encode() + list.getJsonArray("active").encode()
        + list.getJsonArray("recent").encode();
    assertTrue(all.contains("\"" + id + "\""), list.encode());
    assertTrue(list.containsKey("queueLength") && list.containsKey("breaker"), list.encode());
  }

  @Test
  void revalidationIsAskedOfTheDownloadArea() throws Exception {
    // No cache runs here, so the download area cannot learn what is held: it says so instead of answering nothing.
    HttpResponse<Buffer> answer = client.post(port, "127.0.0.1", "/api/downloads/revalidate").send()
        .await(20, TimeUnit.SECONDS);
    assertEquals(503, answer.statusCode(), answer.bodyAsString());
    assertEquals("UNAVAILABLE", answer.bodyAsJsonObject().getString("error"));
  }
}
