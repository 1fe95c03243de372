package dev.vigie.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.assertions.LocatorAssertions;
import dev.vigie.bus.MonitorBus;
import dev.vigie.kit.TestCluster;
import dev.vigie.kit.TestConfig;
import dev.vigie.kit.TestVigie;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * In a cluster, one node's page shows another node's sections in that node's group, and the cluster totals. The
 * nodes run the areas the page asks (probes, monitors): a missing one answers 503, which the console reports.
 */
class ClusterPageTest {
  private static final LocatorAssertions.HasCountOptions LONG = new LocatorAssertions.HasCountOptions().setTimeout(30_000);

  @TempDir
  Path dir;

  @Test
  void theSecondNodesSectionsShowUnderItsNameOnTheFirstNodesPage() {
    try (RealBrowser browser = RealBrowser.launch();
         TestCluster cluster = TestCluster.start(dir, 2, data -> TestConfig.defaults(data)
             .only("monitor", "cluster", "probe", "store", "web").set("cluster.announceIntervalMs", 200))) {
      TestVigie first = cluster.node(0);
      TestVigie second = cluster.node(1);
      second.vertx().eventBus().publish(MonitorBus.SECTION, new JsonObject().put("section", "feeder")
          .put("title", "Feeder").put("metrics", new JsonArray().add(new JsonObject().put("label", "Queue depth")
              .put("value", 4).put("status", "good"))));
      try (RealBrowser.Tab tab = browser.open(first.baseUrl() + "/", 1280, 800)) {
        Locator group = tab.page().locator(".node-group[data-node='" + second.nodeId() + "']");
        assertThat(group).hasCount(1, LONG);
        Locator card = group.locator("[data-section=feeder]");
        assertThat(card).hasCount(1, LONG);
        assertThat(card).containsText("Queue depth");
        assertThat(tab.page().locator("#sections [data-section=feeder]")).hasCount(0);
        assertThat(group.locator("[data-section=system]")).hasCount(1, LONG);
        assertThat(group.locator("h2").first()).containsText("127.0.0.1:");
        assertThat(tab.page().locator("#sections [data-section=totals]")).hasCount(1, LONG);
        assertThat(tab.page().locator(".node-group[data-node='" + first.nodeId() + "']")).hasCount(0);
        tab.screenshot("cluster-page");
        assertEquals(List.of(), tab.consoleErrors());
      }
    }
  }
}
