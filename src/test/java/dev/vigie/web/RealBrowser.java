package dev.vigie.web;

import static org.junit.jupiter.api.Assertions.fail;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.ConsoleMessage;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Assumptions;

/**
 * Debian's Chromium driven by Playwright, headless and offline (Playwright never downloads a browser here). Under
 * CI ({@code CI=true}) a missing browser fails the test; on a developer machine without Chromium it skips it.
 */
final class RealBrowser implements AutoCloseable {
  static final Path CHROMIUM = Paths.get("/usr/bin/chromium");
  static final Path SCREENSHOTS = Paths.get("target", "screenshots");

  private final Playwright playwright;
  private final Browser browser;

  private RealBrowser(Playwright playwright, Browser browser) {
    this.playwright = playwright;
    this.browser = browser;
  }

  static RealBrowser launch() {
    if (!Files.isExecutable(CHROMIUM)) {
      String why = "no browser at " + CHROMIUM + " (apt-get install -y chromium)";
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        fail(why + ": real-browser tests must run under CI");
      }
      Assumptions.abort(why);
    }
    Playwright playwright = Playwright.create(new Playwright.CreateOptions()
        .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
    try {
      Browser browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
          .setExecutablePath(CHROMIUM)
          .setHeadless(true)
          .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-background-networking",
              "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage")));
      return new RealBrowser(playwright, browser);
    } catch (RuntimeException e) {
      playwright.close();
      throw e;
    }
  }

  /** A fresh page (own context: own localStorage) of the given size, recording console errors. */
  Tab open(String url, int width, int height) {
    BrowserContext context = browser.newContext(new Browser.NewContextOptions()
        .setViewportSize(width, height).setAcceptDownloads(true));
    Page page = context.newPage();
    List<String> errors = new CopyOnWriteArrayList<>();
    page.onConsoleMessage(message -> {
      if ("error".equals(message.type())) {
        errors.add(describe(message));
      }
    });
    page.onPageError(error -> errors.add("uncaught: " + error));
    page.navigate(url);
    return new Tab(context, page, errors);
  }

  private static String describe(ConsoleMessage message) {
    return message.text() + " (" + message.location() + ")";
  }

  @Override
  public void close() {
    browser.close();
    playwright.close();
  }

  /** One page and the console errors it logged. */
  record Tab(BrowserContext context, Page page, List<String> consoleErrors) implements AutoCloseable {
    void screenshot(String name) {
      page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve(name + ".png")).setFullPage(true));
    }

    @Override
    public void close() {
      context.close();
    }
  }
}
