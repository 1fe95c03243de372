package dev.vigie.probe;

import static dev.vigie.probe.ProbePhasesTest.endpoint;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigie.bus.ProbeBus;
import dev.vigie.kit.LoopbackServer;
import dev.vigie.kit.TestConfig;
import dev.vigie.kit.TestVigie;
import io.vertx.core.json.JsonArray;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The probe's meters on /metrics after real checks: latency as a histogram by endpoint and outcome, seconds per phase
 * and failures by reason as counters; past {@code probe.metricsEndpoints} names, endpoints are counted under
 * {@code endpoint="_other"} and the fold is counted. Every meter the Grafana dashboard and the alerting rules name is
 * there.
 */
class ProbeMetersTest {

  @Test
  void latencyPhasesAndReasonsAppearOnMetricsWithBoundedLabels(@TempDir Path dir) throws Exception {
    try (LoopbackServer target = LoopbackServer.start(req -> {
      if (req.path().equals("/500")) {
        req.response().setStatusCode(500).end();
      } else {
        req.response().end("ok");
      }
    })) {
      JsonArray endpoints = new JsonArray()
          .add(endpoint("api", target.url("/ok")))
          .add(endpoint("broken", target.url("/500")))
          .add(endpoint("third", target.url("/ok")))
          .add(endpoint("fourth", target.url("/ok")));
      try (TestVigie vigie = TestVigie.start(TestConfig.defaults(dir)
          .set("probe.endpoints", endpoints).set("probe.metricsEndpoints", 2).only("probe", "store", "web"))) {
        vigie.ask(ProbeBus.RUN, null);
        String metrics = vigie.http().get("/metrics").bodyAsString();
        List<String> labelled = List.of("api", "broken", "third", "fourth").stream()
            .filter(name -> metrics.contains("endpoint=\"" + name + "\"")).toList();
        assertEquals(2, labelled.size(), "two endpoints labelled (probe.metricsEndpoints): " + labelled);

        // Whichever two were labelled first, the other two are under _other.
        assertLine(metrics, "vigie_probe_latency_seconds_bucket\\{endpoint=\"_other\",outcome=\"(ok|failed)\",le=\"0\\.1\"\\} \\d+");
        // One check at start, one for the run: which of them has finished by now depends on timing.
        assertLine(metrics, "vigie_probe_latency_seconds_count\\{endpoint=\"" + labelled.get(0) + "\",outcome=\"(ok|failed)\"\\} [12]");
        assertLine(metrics, "vigie_probe_latency_seconds_bucket\\{endpoint=\"" + labelled.get(0)
            + "\",outcome=\"(ok|failed)\",le=\"\\+Inf\"\\} [12]");
        for (String phase : List.of("connect", "firstByte", "body")) {
          assertLine(metrics, "vigie_probe_phase_seconds_total\\{endpoint=\"" + labelled.get(0) + "\",phase=\"" + phase
              + "\"\\} [0-9.E-]+");
        }
        assertLine(metrics, "vigie_probe_failures_total\\{endpoint=\"(broken|_other)\",reason=\"status\"\\} [12]\\.0");
        assertLine(metrics, "vigie_probe_metrics_folded_endpoints(\\{[^}]*\\})? 2\\.0");
        assertFalse(metrics.contains("reason=\"timeout\""), "a reason is labelled only once seen");

        // The ready Grafana dashboard and the example alerting rules use only names this Vigie exposes.
        for (Path doc : List.of(Path.of("docs/grafana/vigie.json"), Path.of("docs/prometheus/vigie-rules.yml"))) {
          Matcher names = Pattern.compile("\\bvigie_[a-z_]+").matcher(Files.readString(doc));
          int seen = 0;
          while (names.find()) {
            String name = names.group();
            seen++;
            assertTrue(Pattern.compile("(?m)^" + name + "[{ ]").matcher(metrics).find(), doc + " uses " + name
                + ", which /metrics does not have");
          }
          assertTrue(seen > 5, doc + " names Vigie's meters");
        }
      }
    }
  }

  private static void assertLine(String metrics, String regex) {
    Pattern line = Pattern.compile("(?m)^" + regex + "$");
    assertTrue(line.matcher(metrics).find(), () -> "no line matching " + regex + " in:\n" + metrics.lines()
        .filter(l -> l.startsWith("vigie_probe")).reduce("", (a, b) -> a + b + "\n"));
  }
}
