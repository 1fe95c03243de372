package dev.vigie.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.AriaRole;
import dev.vigie.kit.LoopbackServer;
import dev.vigie.kit.TestCluster;
import dev.vigie.kit.TestConfig;
import dev.vigie.kit.TestVigie;
import io.vertx.core.json.JsonArray;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A distributed stress run started from the coordinator's page over two members: the panel lists its generators
 * while it runs, and once the other member is killed mid-run it shows the run partial, the lost generator named with
 * why, every figure read without a shape mismatch.
 */
class PartialStressRunPageTest {
  private static final LocatorAssertions.IsVisibleOptions LONG_VISIBLE = new LocatorAssertions.IsVisibleOptions().setTimeout(30_000);
  private static final LocatorAssertions.HasCountOptions LONG_COUNT = new LocatorAssertions.HasCountOptions().setTimeout(30_000);
  private static final LocatorAssertions.HasTextOptions LONG_TEXT = new LocatorAssertions.HasTextOptions().setTimeout(30_000);
  private static final LocatorAssertions.ContainsTextOptions LONG_CONTAINS = new LocatorAssertions.ContainsTextOptions().setTimeout(30_000);
  /** The run ends once the survivor has sent its whole share (15 s) and the cluster has dropped the killed member. */
  private static final LocatorAssertions.IsVisibleOptions LOSS = new LocatorAssertions.IsVisibleOptions().setTimeout(60_000);

  @TempDir
  Path dir;

  @Test
  void aGeneratorKilledMidRunShowsThePartialRunWithItsGeneratorsOnTheCoordinatorsPage() {
    try (RealBrowser browser = RealBrowser.launch();
        LoopbackServer target = LoopbackServer.start(req -> req.response().end("ok"));
        TestCluster cluster = TestCluster.start(dir, 2, data -> TestConfig.defaults(data)
            .only("monitor", "cluster", "probe", "store", "web", "stress").set("cluster.announceIntervalMs", 200)
            .set("stress.allowedTargets", new JsonArray().add("127.0.0.1:*"))
            // The killed member is lost when the cluster drops it; on a loaded machine, a live generator's reports
            // may be late by more than the default 5 s, which would lose it too.
            .set("stress.generatorTimeoutMs", 30_000))) {
      TestVigie coordinator = cluster.node(0);
      TestVigie generator = cluster.node(1);
      try (RealBrowser.Tab tab = browser.open(coordinator.baseUrl() + "/", 1280, 800)) {
        Page page = tab.page();
        page.locator(".stress-custom summary").click();
        page.getByLabel("Open: constant arrival rate").check();
        // Offered once both members have announced that they run the stress area; no more than the members.
        Locator generators = page.getByLabel("Generators (cluster members)");
        assertThat(generators).isVisible(LONG_VISIBLE);
        assertThat(generators).hasAttribute("max", "2");
        page.getByLabel("Target URL (a probe endpoint or a loopback address)").fill(target.url("/"));
        page.getByLabel("Rate (requests/s)").fill("20");
        page.getByLabel("Duration (s)").fill("15");
        generators.fill("2");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Run custom test")).click();

        // A refusal would show here, in the run's state line.
        assertThat(page.locator(".run-state")).containsText(": running", LONG_CONTAINS);
        Locator rows = page.locator(".stress-generators tbody tr");
        assertThat(rows).hasCount(2, LONG_COUNT);
        assertThat(rows.nth(0)).containsText(coordinator.nodeId().split("-")[0]);
        assertThat(rows.nth(1)).containsText(generator.nodeId().split("-")[0]);
        assertThat(rows.nth(1)).containsText("2 connections · 150 requests · 10 req/s");
        // The second generator is killed once both have reported answers (what it measured is kept), well before the
        // end of its share.
        for (int i = 0; i < 2; i++) {
          assertThat(rows.nth(i).locator("td").nth(5)).not().hasText("0", LONG_TEXT);
        }
        cluster.kill(1);

        Locator partial = page.locator(".run-partial");
        assertThat(partial).isVisible(LOSS);
        assertThat(partial).containsText("generator 127.0.0.1:");
        assertThat(partial).containsText(generator.nodeId().split("-")[0]);
        assertThat(partial).containsText("share 2 of 2");
        // Why depends on which the coordinator hears first: the member gone, or its share cut as its Vert.x closes.
        assertThat(partial).containsText("was lost: its node ");
        assertThat(page.locator("[data-section=stress] .section-status")).containsText("Partial");
        assertThat(page.locator(".run-state")).containsText(": partial");
        assertThat(page.locator(".stress-result")).isVisible();
        assertThat(rows).hasCount(2);
        assertThat(rows.nth(0)).containsText("completed");
        assertThat(rows.nth(1)).containsText("lost");
        assertThat(rows.nth(1).locator("td").nth(5)).not().hasText("0");
        assertThat(rows.nth(1).locator("td").nth(7)).not().isEmpty();
        assertThat(page.locator(".stress-history tbody tr").first()).containsText("open on 2 generators", LONG_CONTAINS);
        assertThat(page.locator(".stress-history tbody tr").first()).containsText("partial");
        tab.screenshot("stress-partial");
        assertEquals(0, page.locator(".shape-mismatch:not([hidden])").count(), "no shape mismatch marker");
        assertEquals(List.of(), tab.consoleErrors());
      }
    }
  }
}
