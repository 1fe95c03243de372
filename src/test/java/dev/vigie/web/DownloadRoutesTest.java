package dev.vigie.web;

import static dev.vigie.kit.Wait.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigie.kit.TestConfig;
import dev.vigie.kit.TestHttp;
import dev.vigie.kit.TestVigie;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DownloadRoutesTest {
  @TempDir
  Path dataDir;
  private TestVigie vigie;
  private TestHttp client;

  @BeforeEach
  void start() {
    vigie = TestVigie.start(TestConfig.defaults(dataDir).only("download", "web").mirror(1000));
    client = vigie.http();
  }

  @AfterEach
  void stop() {
    vigie.close();
  }

  private HttpResponse<Buffer> post(JsonObject body) {
    return client.post("/api/downloads", body);
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
    assertEquals(400, await(client.request(HttpMethod.POST, "/api/downloads").sendBuffer(Buffer.buffer("[1]")))
        .statusCode());
  }

  @Test
  void aValidRequestIsQueuedAndListed() throws Exception {
    HttpResponse<Buffer> answer = post(valid());
    assertEquals(200, answer.statusCode(), answer.bodyAsString());
    String id = answer.bodyAsJsonObject().getJsonArray("queued").getJsonObject(0).getString("id");
    JsonObject list = client.get("/api/downloads").bodyAsJsonObject();
    assertEquals(id, list.getJsonArray("items").getJsonObject(0).getString("id"), "newest first: " + list.encode());
    assertTrue(list.containsKey("next") && list.containsKey("queueLength") && list.containsKey("breaker"), list.encode());
  }

  @Test
  void revalidationIsAskedOfTheDownloadArea() throws Exception {
    // No cache runs here, so the download area cannot learn what is held: it says so instead of answering nothing.
    HttpResponse<Buffer> answer = client.post("/api/downloads/revalidate");
    assertEquals(503, answer.statusCode(), answer.bodyAsString());
    assertEquals("UNAVAILABLE", answer.bodyAsJsonObject().getString("error"));
  }
}
