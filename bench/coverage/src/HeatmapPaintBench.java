import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import dev.vigie.kit.TestConfig;
import dev.vigie.kit.TestVigie;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The coverage heatmap's first paint at scale, in real Chromium: Vigie (store, coverage, web) on the ledger that
 * LedgerQueryBench seeded in DIR (YEARS x SYMBOLS daily 1m spot klines), the panel asked for the whole type ROUNDS
 * times; each round reads the panel's data-paint-ms (from the click on Show to the frame that shows the cells).
 * Usage: HeatmapPaintBench DIR YEARS ROUNDS
 */
public final class HeatmapPaintBench {
  public static void main(String[] args) {
    Path dir = Path.of(args[0]);
    int years = Integer.parseInt(args[1]);
    int rounds = Integer.parseInt(args[2]);
    LocalDate first = LocalDate.of(2021, 1, 1);
    String last = first.plusDays((long) (years * 365.25) - 1).toString();
    TestConfig config = TestConfig.defaults(dir).only("store", "coverage", "web");
    try (TestVigie vigie = TestVigie.start(config);
         Playwright playwright = Playwright.create(new Playwright.CreateOptions()
             .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
         Browser browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
             .setExecutablePath(Path.of("/usr/bin/chromium")).setHeadless(true)
             .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage")))) {
      Page page = browser.newContext(new Browser.NewContextOptions().setViewportSize(1400, 1000)).newPage();
      page.navigate(vigie.baseUrl() + "/");
      Locator panel = page.locator("[data-section=coverage]");
      Map<String, String> form = Map.of("market", "spot", "dataType", "klines", "interval", "1m", "period", "daily",
          "from", first.toString(), "to", last);
      form.forEach((name, value) -> panel.locator("input[name=" + name + "]").fill(value));
      double[] ms = new double[rounds];
      for (int r = 0; r < rounds; r++) {
        page.evaluate("() => delete document.querySelector('[data-section=coverage]').dataset.paintMs");
        panel.locator("button[type=submit]").click();
        page.waitForFunction("() => document.querySelector('[data-section=coverage]').dataset.paintMs !== undefined",
            null, new Page.WaitForFunctionOptions().setTimeout(120_000));
        ms[r] = Double.parseDouble(panel.getAttribute("data-paint-ms"));
      }
      String legend = panel.locator(".coverage-legend").textContent();
      double[] sorted = ms.clone();
      Arrays.sort(sorted);
      System.out.printf("| heatmap first paint, %s to %s, %s rows | %s | median %.0f ms | runs %s | goal < 1 s |%n",
          first, last, panel.locator("canvas").getAttribute("data-rows"), legend, sorted[rounds / 2], Arrays.toString(ms));
    }
  }
}
