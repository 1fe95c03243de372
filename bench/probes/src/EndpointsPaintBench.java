import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The endpoint list's first paint in real Chromium against a running Vigie (bench/probes/run.sh: 10,000 endpoints
 * checked every 10 s, so updates stream in while the page loads): after one blank page (the browser's own start),
 * ROUNDS fresh pages, each in its own context (empty cache), each reading the list's data-first-paint-ms
 * (milliseconds from navigation to the task after the frame that laid out its first rows). Then,
 * on the last page, the main thread's long tasks (PerformanceObserver "longtask", over 50 ms) during WATCH seconds of
 * streaming updates: whether the page stays responsive. Prints one Markdown table row.
 * Usage: EndpointsPaintBench BASE_URL ROUNDS WATCH_SECONDS
 */
public final class EndpointsPaintBench {
  private static final String LIST = "[data-section=endpoints] .endpoint-list";

  public static void main(String[] args) throws InterruptedException {
    String url = args[0];
    int rounds = Integer.parseInt(args[1]);
    int watchSeconds = Integer.parseInt(args[2]);
    double[] paintMs = new double[rounds];
    List<?> longTasks = List.of();
    try (Playwright playwright = Playwright.create(new Playwright.CreateOptions()
             .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
         Browser browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
             .setExecutablePath(Path.of("/usr/bin/chromium")).setHeadless(true)
             .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage")))) {
      // The browser's own first start (its processes, its profile) is not the page's: one blank page first, as a
      // browser already running would have.
      try (BrowserContext context = browser.newContext()) {
        context.newPage().navigate("about:blank");
      }
      for (int r = 0; r < rounds; r++) {
        try (BrowserContext context = browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 900))) {
          Page page = context.newPage();
          page.addInitScript("window.__longTasks = []; new PerformanceObserver(list => list.getEntries()"
              + ".forEach(e => window.__longTasks.push(Math.round(e.duration)))).observe({ entryTypes: ['longtask'] });");
          page.navigate(url + "/");
          page.waitForFunction("() => document.querySelector('" + LIST + "')?.dataset.firstPaintMs !== undefined",
              null, new Page.WaitForFunctionOptions().setTimeout(120_000));
          paintMs[r] = Double.parseDouble(page.locator(LIST).getAttribute("data-first-paint-ms"));
          if (r == rounds - 1) {
            page.evaluate("() => { window.__longTasks = []; }");
            // A measuring window, not a wait for something: the updates stream in for this long.
            Thread.sleep(watchSeconds * 1000L);
            longTasks = (List<?>) page.evaluate("() => window.__longTasks");
          }
        }
      }
    }
    double[] sorted = paintMs.clone();
    Arrays.sort(sorted);
    int longest = longTasks.stream().mapToInt(d -> ((Number) d).intValue()).max().orElse(0);
    System.out.printf(Locale.ROOT, "| endpoint list first paint (Chromium, %d fresh pages) | median %.0f ms, max %.0f ms"
            + " (runs %s); then %d s of streaming updates: %d long tasks, the longest %d ms | first paint under 1 s: %s |%n",
        rounds, sorted[rounds / 2], sorted[rounds - 1], Arrays.toString(paintMs), watchSeconds, longTasks.size(),
        longest, sorted[rounds - 1] < 1000 ? "met (every page)" : "MISSED");
  }
}
