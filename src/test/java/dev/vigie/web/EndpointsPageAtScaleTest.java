package dev.vigie.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The endpoints view with ten thousand endpoints (the demo's four plus 10,000 against its sample backend): every one
 * listed through the paged API, search and sort answered by the server, and only the rows in view in the DOM. The
 * added endpoints are checked about three a second (first checks on their phase over their hour): the page is what
 * this test is about; probing throughput is bench/probes'.
 */
class EndpointsPageAtScaleTest {
  private static final int ADDED = 10_000;
  /** Reading ten thousand endpoints page by page, on a shared two-core machine. */
  private static final double SLOW = 60_000;
  /** The most endpoints or monitors one read of the page may ask for: a window of the list, or the cards shown. */
  private static final int MOST_READ = 200;

  @RegisterExtension
  static final DemoInBrowser demo = new DemoInBrowser(config -> config.with(json -> {
    JsonArray endpoints = json.getJsonObject("probe").getJsonArray("endpoints");
    for (int i = 0; i < ADDED; i++) {
      endpoints.add(new JsonObject().put("name", String.format("ep-%05d", i))
          .put("url", "{demo.backend}/balances/current").put("intervalMs", 3_600_000));
    }
  }).set("probe.startRatePerSecond", 1).set("probe.maxMonitors", 20_000));

  @Test
  void tenThousandEndpointsAreListedSearchedAndSortedWithFewRowsInTheDom() {
    int total = demo.server().http().get("/api/probes?limit=1").bodyAsJsonObject().getInteger("total");
    assertTrue(total > ADDED, "the demo's endpoints and the added ones: " + total);
    String all = String.format("%,d endpoints", total);
    try (RealBrowser.Tab tab = demo.open(1280, 900)) {
      Page page = tab.page();
      Locator list = page.locator("[data-section=endpoints] .endpoint-list");
      Locator count = list.locator(".endpoint-count");
      Locator rows = list.locator(".endpoint-viewport .endpoint-row:not([hidden])");
      assertThat(rows.first()).hasAttribute("data-endpoint", "Portfolio metrics", new LocatorAssertions.HasAttributeOptions().setTimeout(SLOW));
      System.out.println("endpoint list: first rows painted " + list.getAttribute("data-first-paint-ms")
          + " ms after navigation");
      readsOnlyWhatItShows(page);
      assertThat(count).hasText(all, new LocatorAssertions.HasTextOptions().setTimeout(SLOW));
      int inDom = list.locator(".endpoint-viewport .endpoint-row").count();
      assertTrue(inDom < 100, inDom + " rows in the DOM for " + total + " endpoints");
      // The Monitors panel draws a hundred cards, not one per endpoint (10,000 cards kept the page busy for seconds).
      Locator monitors = page.locator("[data-section=monitors]");
      int monitorCount = demo.server().http().get("/api/monitors?limit=1").bodyAsJsonObject().getInteger("total");
      assertThat(monitors.locator(".monitor-more")).hasText(String.format("Show 100 more (100 of %,d monitors shown)",
          monitorCount), new LocatorAssertions.HasTextOptions().setTimeout(SLOW));
      assertThat(monitors.locator(".monitor-card")).hasCount(100);
      monitors.locator(".monitor-more").click();
      assertThat(monitors.locator(".monitor-card")).hasCount(200);
      assertThat(monitors.locator(".monitor-more")).hasText(String.format("Show 100 more (200 of %,d monitors shown)",
          monitorCount));
      list.screenshot(new Locator.ScreenshotOptions().setPath(RealBrowser.SCREENSHOTS.resolve("endpoints-10000.png")));

      list.locator(".endpoint-search").fill("EP-0123");
      assertThat(count).hasText(String.format("10 of %,d endpoints", total), new LocatorAssertions.HasTextOptions().setTimeout(SLOW));
      assertThat(rows).hasCount(10);
      for (int i = 0; i < 10; i++) {
        assertThat(rows.nth(i)).hasAttribute("data-endpoint", String.format("ep-0123%d", i));
      }

      list.locator(".endpoint-sort").selectOption("-name");
      assertThat(rows.first()).hasAttribute("data-endpoint", "ep-01239");
      list.locator(".endpoint-search").fill("");
      assertThat(count).hasText(all, new LocatorAssertions.HasTextOptions().setTimeout(SLOW));
      assertThat(rows.first()).hasAttribute("data-endpoint", "ep-09999");

      // Scrolled to the end: the last rows (the smallest names) are drawn, and still only a page's worth of rows.
      String smallest = demo.server().http().get("/api/probes?limit=1&sort=name").bodyAsJsonObject()
          .getJsonArray("endpoints").getJsonObject(0).getString("name");
      list.locator(".endpoint-viewport").evaluate("v => { v.scrollTop = v.scrollHeight; }");
      assertThat(list.locator(".endpoint-viewport .endpoint-row[data-endpoint='" + smallest + "']")).isVisible();
      inDom = list.locator(".endpoint-viewport .endpoint-row").count();
      assertTrue(inDom < 100, inDom + " rows in the DOM after scrolling to the end");

      // Slowest first, over every endpoint checked so far (how many of them are good depends on the machine's load).
      list.locator(".endpoint-sort").selectOption("-latency");
      dev.vigie.kit.Wait.eventually("ten checked endpoints or more drawn, slowest first", () -> drawnLatencies(list),
          last -> last.size() >= 10 && slowestFirst(last));

      list.locator(".endpoint-status").selectOption("good");
      assertThat(count).containsText(String.format("of %,d endpoints", total));
      assertThat(rows.first()).isVisible();
      for (int i = 0; i < Math.min(10, rows.count()); i++) {
        assertThat(rows.nth(i).locator(".badge")).hasClass(java.util.regex.Pattern.compile("s-good"));
      }
      java.util.List<Double> good = drawnLatencies(list);
      assertTrue(slowestFirst(good), "the good ones slowest first: " + good);
      readsOnlyWhatItShows(page);
    }
  }

  /**
   * Every read of the endpoint list and of the monitors the page made so far (the browser's resource timings) asked
   * for at most {@link #MOST_READ} of them: the rows in view and a margin, or the cards shown; never the whole list.
   */
  private static void readsOnlyWhatItShows(Page page) {
    @SuppressWarnings("unchecked")
    java.util.List<java.util.Map<String, Object>> reads = (java.util.List<java.util.Map<String, Object>>) page.evaluate(
        "() => performance.getEntriesByType('resource').filter(e => /\\/api\\/(probes|monitors)(\\?|$)/.test(e.name))"
            + ".map(e => ({ url: e.name, bytes: e.encodedBodySize }))");
    assertTrue(!reads.isEmpty(), "the page read the endpoints and the monitors");
    long bytes = 0;
    for (java.util.Map<String, Object> read : reads) {
      String url = (String) read.get("url");
      java.util.regex.Matcher limit = java.util.regex.Pattern.compile("[?&]limit=(\\d+)").matcher(url);
      assertTrue(limit.find() && Integer.parseInt(limit.group(1)) <= MOST_READ, "a read of at most " + MOST_READ + ": " + url);
      bytes += ((Number) read.get("bytes")).longValue();
    }
    System.out.println("endpoint list and monitors: " + reads.size() + " reads so far, " + bytes / 1024 + " KiB in all");
  }

  /** Read at once (a refresh may redraw between two reads): the drawn rows' "Last" column, in row order. */
  private static java.util.List<Double> drawnLatencies(Locator list) {
    return list.locator(".endpoint-viewport .endpoint-row:not([hidden]) .num:nth-child(3)").allTextContents().stream()
        .filter(t -> t.endsWith(" ms")).map(EndpointsPageAtScaleTest::ms).toList();
  }

  private static boolean slowestFirst(java.util.List<Double> last) {
    for (int i = 1; i < last.size(); i++) {
      if (last.get(i - 1) < last.get(i)) {
        return false;
      }
    }
    return true;
  }

  private static double ms(String text) {
    return Double.parseDouble(text.replace(" ms", "").replace(",", ""));
  }
}
