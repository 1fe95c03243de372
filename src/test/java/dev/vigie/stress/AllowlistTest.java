package dev.vigie.stress;

import static dev.vigie.kit.Wait.failure;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigie.kit.LoopbackServer;
import dev.vigie.kit.TestVigie;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Only configured targets can be stressed: probe endpoints and the default target (exact URLs), stress.allowedTargets
 * (host:port), and loopback on a configured loopback port whatever loopback name is used; anything else is 403.
 */
class AllowlistTest {

  @Test
  void targetsOutsideTheAllowlistAreForbiddenWithTheReason(@TempDir Path dir) {
    try (TestVigie vigie = TestVigie.start(StressRuns.config(dir).set("stress.allowedTargets", new JsonArray())
        .set("probe.endpoints", new JsonArray().add(new JsonObject().put("url", "http://192.0.2.10/portfolio/metrics"))
            .add(new JsonObject().put("url", "http://127.0.0.1:9/health"))))) {
      targetsOutsideTheAllowlistAreForbidden(new StressRuns(vigie));
    }
  }

  private void targetsOutsideTheAllowlistAreForbidden(StressRuns bed) {

    for (String target : List.of("http://example.com/", "http://10.0.0.1:8080/x", "http://127.0.0.1.example.com/",
        "http://localhost.example.com/", "http://192.0.2.10/other", "http://192.0.2.10:8080/portfolio/metrics",
        "http://127.0.0.1:22/", "http://localhost:8080/", "http://[::1]:5432/", "http://127.0.0.2:10/health")) {
      var response = bed.post(new JsonObject().put("target", target).put("requests", 1));
      assertEquals(403, response.statusCode(), target);
      JsonObject body = response.bodyAsJsonObject();
      assertEquals("TARGET_NOT_ALLOWED", body.getString("error"));
      assertEquals("target", body.getString("field"));
      assertTrue(body.getString("message").startsWith(target), body.encode());
    }
    assertEquals(0, bed.get("/api/stress").bodyAsJsonObject().getJsonArray("runs").size(), "nothing ran");
  }

  @Test
  void configuredTargetsAndTheirLoopbackPortsAreAllowed() {
    Allowlist allowlist = new Allowlist(List.of("http://192.0.2.10/portfolio/metrics", "https://api.example.net/status",
        "http://127.0.0.1:8080/health"), List.of("localhost:9", "staging.example.org:*", "[::1]:7000"));

    for (String target : List.of("http://127.0.0.1:8080/", "http://127.1.2.3:8080/x", "http://localhost:9/x",
        "http://[::1]:9/", "http://127.0.0.5:7000/", "http://192.0.2.10/portfolio/metrics",
        "http://192.0.2.10:80/portfolio/metrics", "HTTPS://API.example.net:443/status", "http://staging.example.org:81/a")) {
      assertTrue(allowlist.refusal(URI.create(target)).isEmpty(), target);
    }
    for (String target : List.of("http://128.0.0.1/", "http://127.0.0.256/", "https://api.example.net/other",
        "http://api.example.net/status", "http://127.0.0.1/", "http://localhost:8081/", "http://[::1]:22/",
        "http://0.0.0.0:8080/", "http://other.example.org/")) {
      assertTrue(allowlist.refusal(URI.create(target)).isPresent(), target);
    }
  }

  @Test
  void aMalformedAllowedTargetIsAConfigurationError(@TempDir Path dir) {
    for (String entry : List.of("localhost", ":80", "localhost:0", "localhost:65536", "localhost:http")) {
      Throwable failure = TestVigie.failedStart(StressRuns.config(dir).set("stress.allowedTargets", new JsonArray().add(entry)));
      assertTrue(failure.getMessage().contains("stress.allowedTargets"), entry + ": " + failure.getMessage());
    }
  }

  @Test
  void aDefaultTargetOutsideTheAllowlistStopsTheAreaFromStarting(@TempDir Path dir) {
    Throwable failure = TestVigie.failedStart(StressRuns.config(dir).set("stress.defaultTarget", "http://example.com/"));
    assertTrue(failure.getMessage().contains("stress.defaultTarget"), failure.getMessage());
  }

  @Test
  void withoutATargetTheFirstProbeEndpointIsTheDefault(@TempDir Path dir) {
    try (LoopbackServer target = LoopbackServer.start(req -> req.response().end("{}"))) {
      String endpoint = target.url("/portfolio/metrics");
      try (TestVigie vigie = TestVigie.start(StressRuns.config(dir).set("probe.endpoints",
          new JsonArray().add(new JsonObject().put("url", endpoint))))) {
        StressRuns bed = new StressRuns(vigie);
        JsonObject result = bed.awaitResult(bed.start(new JsonObject().put("requests", 2).put("spacingMs", 10)));
        assertEquals(endpoint, result.getString("target"));
        assertEquals(2, result.getLong("ok"));
      }
    }
  }
}
