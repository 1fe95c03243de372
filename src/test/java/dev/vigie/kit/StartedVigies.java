package dev.vigie.kit;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The Vigies a test starts, each closed after the test (before its {@code @TempDir} is deleted, so what an area
 * saves as it stops lands in the test's directory): {@code @RegisterExtension final StartedVigies vigies = new
 * StartedVigies();} then {@code vigie = vigies.start(config)}.
 */
public final class StartedVigies implements AfterEachCallback {
  private final List<TestVigie> started = new ArrayList<>();

  /** {@link TestVigie#start}, closed after the test (closing it earlier, to restart, is fine). */
  public TestVigie start(TestConfig config) {
    TestVigie vigie = TestVigie.start(config);
    started.add(vigie);
    return vigie;
  }

  @Override
  public void afterEach(ExtensionContext context) {
    for (int i = started.size() - 1; i >= 0; i--) {
      started.remove(i).close();
    }
  }
}
