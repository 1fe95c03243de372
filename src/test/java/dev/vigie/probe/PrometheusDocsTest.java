package dev.vigie.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The example alerting rules and every query of the Grafana dashboard parse as Prometheus reads them: Debian's
 * {@code promtool check rules} on the rules file, and on the dashboard's queries written as recording rules (Grafana's
 * {@code $__rate_interval} and {@code $endpoint} replaced by what they stand for). Without promtool the test is
 * skipped naming the package, except under {@code CI=true}, where it fails. That the names exist is
 * {@link ProbeMetersTest}'s part.
 */
class PrometheusDocsTest {
  private static final Path PROMTOOL = Path.of("/usr/bin/promtool");

  @Test
  void rulesAndDashboardQueriesPassPromtool(@TempDir Path dir) throws Exception {
    requirePromtool();
    check(Path.of("docs/prometheus/vigie-rules.yml"));

    JsonObject dashboard = new JsonObject(Files.readString(Path.of("docs/grafana/vigie.json")));
    List<String> lines = new ArrayList<>(List.of("groups:", "  - name: dashboard", "    rules:"));
    int n = 0;
    for (Object p : dashboard.getJsonArray("panels")) {
      for (Object t : ((JsonObject) p).getJsonArray("targets")) {
        String expr = ((JsonObject) t).getString("expr").replace("$__rate_interval", "5m").replace("$endpoint", ".*");
        lines.add("      - record: dashboard:query" + (++n));
        lines.add("        expr: '" + expr.replace("'", "''") + "'");
      }
    }
    assertTrue(n >= 10, "the dashboard has its queries");
    Path asRules = dir.resolve("dashboard-rules.yml");
    Files.write(asRules, lines, StandardCharsets.UTF_8);
    check(asRules);
  }

  private static void check(Path rules) throws Exception {
    Process promtool = new ProcessBuilder(PROMTOOL.toString(), "check", "rules", rules.toString())
        .redirectErrorStream(true).start();
    assertTrue(promtool.waitFor(30, TimeUnit.SECONDS), "promtool answered");
    String out = new String(promtool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, promtool.exitValue(), rules + ": " + out);
    assertTrue(out.contains("SUCCESS"), out);
  }

  private static void requirePromtool() {
    if (Files.isExecutable(PROMTOOL)) {
      return;
    }
    String why = "promtool is not installed (apt-get install -y prometheus)";
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      fail(why + ": the Prometheus rules and dashboard checks must run under CI");
    }
    Assumptions.abort(why);
  }
}
