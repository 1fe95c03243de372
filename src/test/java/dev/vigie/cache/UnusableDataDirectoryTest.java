package dev.vigie.cache;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigie.kit.TestConfig;
import dev.vigie.kit.TestVigie;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A data directory the cache cannot use fails its start with a sentence naming the directory. */
class UnusableDataDirectoryTest {
  @TempDir
  Path dir;

  private static TestConfig config(Path dataDir) {
    return TestConfig.defaults(dataDir).only("cache").set("cache.sweepAtStart", false).set("cache.sectionIntervalMs", 50);
  }

  @Test
  void aDataDirectoryThatIsAFileFailsTheStart() throws Exception {
    Path notADirectory = Files.writeString(dir.resolve("plain-file"), "x");
    Throwable cause = TestVigie.failedStart(config(notADirectory));
    assertTrue(cause.getMessage().contains("cannot create") && cause.getMessage().contains("plain-file"),
        cause.getMessage());
  }

  @Test
  void aBadSettingFailsTheStartNamingTheKey() {
    Throwable cause = TestVigie.failedStart(config(dir).set("cache.maxBytes", 0));
    assertTrue(cause.getMessage().contains("cache.maxBytes"), cause.getMessage());
  }
}
