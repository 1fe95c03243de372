package dev.vigie.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigie.bus.CacheBus;
import dev.vigie.kit.TestConfig;
import dev.vigie.kit.TestHttp;
import dev.vigie.kit.TestVigie;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Numbers in API bodies and query parameters are read as the client wrote them: beyond long, fractions, huge
 * exponents, negative or quoted values are 400 {@code BAD_PARAMETER} naming the field, never wrapped or truncated
 * into a value that acts. Emptying the archive cache takes {@code "all": true}; trims and sweeps say what they remove.
 */
class NumberRangeTest {
  private static final String KEY_1 = "data/spot/daily/klines/BTCUSDT/1m/BTCUSDT-1m-2024-03-01.zip";
  private static final String KEY_2 = "data/spot/daily/klines/BTCUSDT/1m/BTCUSDT-1m-2024-03-02.zip";

  @TempDir
  Path dataDir;

  @Test
  void wrongNumbersAreRefusedAndNothingIsEvictedOrRun() throws Exception {
    try (TestVigie vigie = TestVigie.start(TestConfig.defaults(dataDir).only("monitor", "cache", "upstream", "stress", "probe", "web")
        .set("cache.sweepAtStart", false).set("stress.allowedTargets", new JsonArray().add("127.0.0.1:9")))) {
      TestHttp http = vigie.http();
      cache(vigie);

      // 2^64 was read as 0 and evicted every archive.
      Map<String, String> trims = Map.ofEntries(
          Map.entry("{\"targetBytes\": 18446744073709551616}", "targetBytes"),
          Map.entry("{\"targetBytes\": 9223372036854775808}", "targetBytes"),
          Map.entry("{\"targetBytes\": 1e400}", "targetBytes"),
          Map.entry("{\"targetBytes\": 1e19}", "targetBytes"),
          Map.entry("{\"targetBytes\": 10.5}", "targetBytes"),
          Map.entry("{\"targetBytes\": -1}", "targetBytes"),
          Map.entry("{\"targetBytes\": \"100\"}", "targetBytes"),
          Map.entry("{\"targetBytes\": 0}", "targetBytes"),
          Map.entry("{\"targetBytes\": 0.0}", "targetBytes"),
          Map.entry("{\"targetBytes\": 5, \"all\": true}", "all"),
          Map.entry("{\"all\": \"true\"}", "all"),
          Map.entry("{\"all\": 1}", "all"),
          Map.entry("{\"dryRun\": \"yes\"}", "dryRun"),
          Map.entry("{\"target\": 5}", "target"));
      for (Map.Entry<String, String> bad : trims.entrySet()) {
        refused(raw(http, "/api/cache/trim", bad.getKey()), bad.getValue(), bad.getKey());
      }
      assertEquals(2, http.get("/api/cache").bodyAsJsonObject().getJsonObject("archive").getInteger("entries"),
          "no refused trim evicted anything");

      // 2^64 + 3 once ran 3 requests.
      for (String field : List.of("requests", "spacingMs", "timeoutMs")) {
        for (String value : List.of("18446744073709551619", "2.5", "-3", "\"7\"", "1e400")) {
          String body = "{\"target\": \"http://127.0.0.1:9/\", \"" + field + "\": " + value + "}";
          refused(raw(http, "/api/stress", body), field, body);
        }
      }
      refused(raw(http, "/api/stress", "{\"plan\": \"open\", \"target\": \"http://127.0.0.1:9/\", \"rate\": 1e400}"),
          "rate", "rate 1e400");
      assertEquals(0, http.get("/api/stress").bodyAsJsonObject().getJsonArray("active").size(), "nothing ran");

      for (String value : List.of("yes", "1", "TRUE", "")) {
        refused(http.get("/api/probes?history=" + value), "history", "history=" + value);
      }
      assertEquals(200, http.get("/api/probes?history=true").statusCode());
      refused(raw(http, "/api/cache/sweep", "{\"dryRun\": 1}"), "dryRun", "sweep dryRun 1");
      refused(raw(http, "/api/cache/clear", "{\"dryRun\": true}"), "dryRun", "clear has no dry run");

      ReplyException held = vigie.refusal(CacheBus.HELD, new JsonObject().put("limit", new java.math.BigInteger("18446744073709551617")));
      assertEquals(400, held.failureCode());
      assertTrue(held.getMessage().contains("\"field\":\"limit\""), held.getMessage());
    }
  }

  @Test
  void trimsAndSweepsSayWhatTheyRemoveAndEmptyingNeedsAll() throws Exception {
    try (TestVigie vigie = TestVigie.start(TestConfig.defaults(dataDir).only("cache", "web").set("cache.sweepAtStart", false))) {
      TestHttp http = vigie.http();
      cache(vigie);

      JsonObject preview = raw(http, "/api/cache/trim", "{\"all\": true, \"dryRun\": true}").bodyAsJsonObject();
      assertEquals(true, preview.getBoolean("dryRun"));
      assertEquals(2, preview.getInteger("evicted"));
      assertEquals(List.of(KEY_1, KEY_2), keys(preview.getJsonArray("removed")), "least recently used first");
      assertEquals(0, preview.getLong("bytes"), "what the cache would hold");
      assertEquals(2, http.get("/api/cache").bodyAsJsonObject().getJsonObject("archive").getInteger("entries"),
          "a dry run evicts nothing");

      JsonObject sweep = raw(http, "/api/cache/sweep", "{\"dryRun\": true}").bodyAsJsonObject();
      assertEquals(true, sweep.getBoolean("dryRun"));
      assertEquals(2, sweep.getInteger("checked"));
      assertEquals(0, sweep.getJsonArray("removed").size(), sweep.encode());

      JsonObject trimmed = raw(http, "/api/cache/trim", "{\"all\": true}").bodyAsJsonObject();
      assertEquals(false, trimmed.getBoolean("dryRun"));
      assertEquals(2, trimmed.getInteger("evicted"));
      assertEquals(List.of(KEY_1, KEY_2), keys(trimmed.getJsonArray("removed")));
      assertEquals(0, trimmed.getLong("bytes"));
      assertEquals(0, http.get("/api/cache").bodyAsJsonObject().getJsonObject("archive").getInteger("entries"));
    }
  }

  private void cache(TestVigie vigie) throws Exception {
    for (String key : List.of(KEY_1, KEY_2)) {
      byte[] bytes = ("PK fake archive " + key).getBytes();
      Path tmp = Files.createDirectories(dataDir.resolve("tmp")).resolve(key.hashCode() + ".part");
      Files.write(tmp, bytes);
      vigie.ask(CacheBus.PUT, new JsonObject().put("key", key).put("file", tmp.toString())
          .put("sha256", HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)))
          .put("bytes", bytes.length));
    }
  }

  private static HttpResponse<Buffer> raw(TestHttp http, String uri, String body) {
    return http.send(http.request(HttpMethod.POST, uri).putHeader("content-type", "application/json"), body);
  }

  private static void refused(HttpResponse<Buffer> response, String field, String what) {
    assertEquals(400, response.statusCode(), what + " -> " + response.bodyAsString());
    JsonObject body = response.bodyAsJsonObject();
    assertEquals("BAD_PARAMETER", body.getString("error"), what);
    assertEquals(field, body.getString("field"), what + " -> " + body.encode());
    assertTrue(body.getString("message").startsWith(field + ": "), body.getString("message"));
  }

  private static List<String> keys(JsonArray removed) {
    return removed.stream().map(o -> ((JsonObject) o).getString("key")).toList();
  }
}
