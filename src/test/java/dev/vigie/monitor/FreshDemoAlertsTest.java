package dev.vigie.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vigie.kit.LiveSocket;
import dev.vigie.kit.StartedVigies;
import dev.vigie.kit.TestConfig;
import dev.vigie.kit.TestVigie;
import dev.vigie.kit.Wait;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * A fresh demo raises no alert while its first readings rest on too few observations. Its minute is mostly waiting,
 * so this class runs beside the suite's other classes (src/test/resources/junit-platform.properties).
 */
@Execution(ExecutionMode.CONCURRENT)
class FreshDemoAlertsTest {
  @RegisterExtension
  final StartedVigies vigies = new StartedVigies();
  @TempDir
  Path dataDir;

  /**
   * The demo as {@code --demo} starts it: once downloads, the archive cache, the upstream cache and every probe have
   * produced their first readings, and for the rest of the first minute, no alert is open.
   */
  @Test
  void aFreshDemoOpensNoAlertInItsFirstMinute() {
    TestVigie vigie = vigies.start(TestConfig.demo(dataDir));
    Instant started = Instant.now();
    Wait.eventually("the demo's first readings: a cache lookup, a finished download, every endpoint checked",
        () -> firstReadings(vigie.http().get("/api/snapshot").bodyAsJsonObject()));
    // The upstream cache's first ask (a miss) is a ratio of one, too.
    vigie.http().get("/api/upstream/indicators");
    try (LiveSocket live = vigie.live()) {
      JsonArray alerts;
      do {
        // Paced by the server's own pushes, not by a sleep.
        live.awaitType("update", 5_000);
        alerts = vigie.http().get("/api/snapshot").bodyAsJsonObject().getJsonArray("alerts");
        assertEquals(new JsonArray(), alerts, "alerts raised " + Duration.between(started, Instant.now()).toSeconds()
            + " s after start (open or already cleared)");
      } while (Duration.between(started, Instant.now()).toSeconds() < 60);
    }
  }

  private static boolean firstReadings(JsonObject snapshot) {
    boolean lookups = false;
    boolean finished = false;
    boolean probed = false;
    for (Object o : snapshot.getJsonArray("sections")) {
      JsonObject section = (JsonObject) o;
      for (Object m : section.getJsonArray("metrics")) {
        JsonObject metric = (JsonObject) m;
        String label = metric.getString("label");
        switch (section.getString("section")) {
          case "cache" -> lookups |= label.equals("Hit rate") && metric.getLong("samples", 0L) > 0;
          case "downloads" -> finished |= label.equals("Error rate") && metric.getLong("samples", 0L) > 0;
          default -> { }
        }
      }
      if (section.getString("section").equals("endpoints")) {
        JsonObject counts = section.getJsonObject("details").getJsonObject("counts");
        probed = section.getJsonObject("details").getInteger("total") > 0 && counts.getInteger("neutral") == 0;
      }
    }
    return lookups && finished && probed;
  }
}
