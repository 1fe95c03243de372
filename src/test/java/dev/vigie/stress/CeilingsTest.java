package dev.vigie.stress;

import static dev.vigie.kit.Wait.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigie.kit.TestVigie;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Parameters past the configured ceilings, or malformed, are refused with 400 naming the field; nothing runs. */
class CeilingsTest {
  private TestVigie vigie;
  private StressRuns bed;
  private String target;

  @BeforeEach
  void start(@TempDir Path dir) {
    JsonObject ceilings = new JsonObject().put("maxRequests", 300).put("maxDurationMs", 5000).put("maxRate", 100)
        .put("maxConcurrency", 8);
    vigie = TestVigie.start(StressRuns.config(dir).merge("stress", ceilings));
    bed = new StressRuns(vigie);
    target = "http://127.0.0.1:9/";
  }

  @AfterEach
  void stop() {
    vigie.close();
  }

  @Test
  void eachBadParameterIsNamed() {
    List<Map.Entry<String, JsonObject>> cases = List.of(
        Map.entry("rate", open().put("rate", 101)),
        Map.entry("rate", open().put("rate", "fast")),
        Map.entry("rate", open().put("rate", 100).put("durationMs", 4000)),
        Map.entry("rate", new JsonObject().put("plan", "open").put("target", target)),
        Map.entry("connections", open().put("rate", 10).put("connections", 9)),
        Map.entry("connections", closed().put("connections", 0)),
        Map.entry("requests", closed().put("requests", 301)),
        Map.entry("requests", closed().put("requests", 2.5)),
        Map.entry("durationMs", closed().put("durationMs", 5001)),
        Map.entry("spacingMs", new JsonObject().put("target", target).put("requests", 100).put("spacingMs", 100)),
        Map.entry("spacingMs", open().put("rate", 10).put("spacingMs", 5)),
        Map.entry("timeoutMs", closed().put("timeoutMs", -1)),
        Map.entry("plan", new JsonObject().put("plan", "burst").put("target", target)),
        Map.entry("target", new JsonObject().put("target", "ftp://127.0.0.1/")),
        Map.entry("target", new JsonObject()),
        Map.entry("rps", closed().put("rps", 5)),
        Map.entry("pass.maxMeanMs", closed().put("pass", new JsonObject().put("maxMeanMs", -1))));
    for (Map.Entry<String, JsonObject> c : cases) {
      var response = bed.post(c.getValue());
      assertEquals(400, response.statusCode(), c.getValue().encode());
      JsonObject body = response.bodyAsJsonObject();
      assertEquals("BAD_PARAMETER", body.getString("error"));
      assertTrue(body.getString("message").startsWith(c.getKey()), c.getKey() + " named in " + body.getString("message"));
    }
    assertEquals(0, bed.get("/api/stress").bodyAsJsonObject().getJsonArray("active").size(), "nothing started");
  }

  @Test
  void theCeilingItselfIsAllowed() {
    var response = bed.post(open().put("rate", 60).put("durationMs", 5000).put("connections", 8));
    assertEquals(200, response.statusCode(), response.bodyAsString());
    bed.delete("/api/stress/" + response.bodyAsJsonObject().getString("id"));
  }

  @Test
  void aBodyThatIsNotJsonIsRefused() {
    var response = await(bed.http.request(HttpMethod.POST, "/api/stress").sendBuffer(Buffer.buffer("rate=5")));
    assertEquals(400, response.statusCode());
  }

  private JsonObject open() {
    return new JsonObject().put("plan", "open").put("target", target);
  }

  private JsonObject closed() {
    return new JsonObject().put("plan", "closed").put("target", target);
  }
}
