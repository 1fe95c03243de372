package dev.vigie.web;

import dev.vigie.kit.TestConfig;
import dev.vigie.kit.TestVigie;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A demo Vigie (200 ms push, 500 ms samples, its own data directory) and a real browser, shared by a page test's
 * methods: {@code @RegisterExtension static final DemoInBrowser demo = new DemoInBrowser();}. The browser is
 * launched first, so a machine without Chromium skips the test before the demo starts.
 */
final class DemoInBrowser implements BeforeAllCallback, AfterAllCallback {
  private final UnaryOperator<TestConfig> adjust;
  private Path dataDir;
  private RealBrowser browser;
  private TestVigie server;

  DemoInBrowser() {
    this(config -> config);
  }

  /** {@code adjust} changes the demo's configuration before it starts. */
  DemoInBrowser(UnaryOperator<TestConfig> adjust) {
    this.adjust = adjust;
  }

  @Override
  public void beforeAll(ExtensionContext context) throws IOException {
    dataDir = Files.createTempDirectory("vigie-demo-in-browser");
    browser = RealBrowser.launch();
    server = TestVigie.start(adjust.apply(TestConfig.demo(dataDir).pushIntervalMs(200).sampleIntervalMs(500)));
  }

  @Override
  public void afterAll(ExtensionContext context) throws IOException {
    if (server != null) {
      server.close();
    }
    if (browser != null) {
      browser.close();
    }
    if (dataDir != null) {
      try (Stream<Path> files = Files.walk(dataDir)) {
        files.sorted(Comparator.reverseOrder()).forEach(DemoInBrowser::delete);
      }
    }
  }

  private static void delete(Path path) {
    try {
      Files.delete(path);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  TestVigie server() {
    return server;
  }

  Vertx vertx() {
    return server.vertx();
  }

  /** The demo's page in a fresh tab of the given size. */
  RealBrowser.Tab open(int width, int height) {
    return open("/", width, height);
  }

  /** The page at {@code path} (with its query, e.g. {@code /?token=...}) in a fresh tab. */
  RealBrowser.Tab open(String path, int width, int height) {
    return browser.open(server.baseUrl() + path, width, height);
  }
}
