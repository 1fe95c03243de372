package dev.vigie.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import dev.vigie.bus.Activity;
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
 * In a cluster, one node's page shows another node's sections in that node's group, the cluster totals, and the
 * other node's activity named with it. The nodes run the areas the page asks (probes, monitors): a missing one
 * answers 503, which the console reports.
 */
class ClusterPageTest {
  private static final LocatorAssertions.HasCountOptions LONG = new LocatorAssertions.HasCountOptions().setTimeout(30_000);
  private static final LocatorAssertions.HasAttributeOptions LONG_ATTRIBUTE =
      new LocatorAssertions.HasAttributeOptions().setTimeout(30_000);

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

        // The activity log holds both nodes' entries: the other node's named, this node's not.
        new Activity(second.vertx().eventBus(), "feeder").warning("feeder queue refilled on the second node");
        new Activity(first.vertx().eventBus(), "feeder").info("feeder checked on the first node");
        Locator theirs = tab.page().locator("#log .log-entry", new Page.LocatorOptions().setHasText("on the second node"));
        assertThat(theirs).hasAttribute("data-node", second.nodeId(), LONG_ATTRIBUTE);
        assertThat(theirs.locator(".log-node")).hasText("node " + second.nodeId().substring(0, second.nodeId().indexOf('-')));
        Locator ours = tab.page().locator("#log .log-entry", new Page.LocatorOptions().setHasText("on the first node"));
        assertThat(ours).hasAttribute("data-node", first.nodeId(), LONG_ATTRIBUTE);
        assertThat(ours.locator(".log-node")).hasCount(0);
        tab.screenshot("cluster-page");
        assertEquals(List.of(), tab.consoleErrors());
      }
    }
  }
}
