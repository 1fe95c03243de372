package dev.vigie.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The page preloads every module {@code js/main.js} imports, directly or not, and nothing else: a module read only
 * when its importer has been parsed made the first paint wait for four rounds of requests (six at a time on
 * HTTP/1.1), 1.5 s of the 2.4 s it took with ten thousand endpoints. The list is in the page's first script, which
 * adds a {@code modulepreload} link for each once its API reads are on their way.
 */
class PagePreloadsTest {
  private static final Path WEBROOT = Path.of("webroot");
  private static final Pattern IMPORT = Pattern.compile("^import[^;]*?from '([^']+)'", Pattern.MULTILINE | Pattern.DOTALL);
  private static final Pattern MODULE_LIST = Pattern.compile("var modules = \\[([^\\]]*)\\];");
  private static final Pattern QUOTED = Pattern.compile("'([^']+)'");

  @Test
  void everyModuleMainImportsIsPreloadedAndNothingElse() throws IOException {
    Set<String> preloaded = new TreeSet<>();
    Matcher list = MODULE_LIST.matcher(Files.readString(WEBROOT.resolve("index.html")));
    assertTrue(list.find(), "index.html's first script lists the modules to preload");
    Matcher names = QUOTED.matcher(list.group(1));
    while (names.find()) {
      preloaded.add(names.group(1));
    }
    Set<String> imported = new TreeSet<>(imports("js/main.js"));
    assertEquals(imported, preloaded);
  }

  /** Every module {@code entry} imports, directly or through others (paths from the webroot). */
  private static Set<String> imports(String entry) throws IOException {
    Set<String> found = new LinkedHashSet<>();
    Deque<String> toRead = new ArrayDeque<>(List.of(entry));
    while (!toRead.isEmpty()) {
      String module = toRead.poll();
      Path file = WEBROOT.resolve(module);
      if (!Files.exists(file)) {
        continue; // served from elsewhere (uPlot's webjar)
      }
      Matcher m = IMPORT.matcher(Files.readString(file));
      while (m.find()) {
        String target = WEBROOT.relativize(file.getParent().resolve(m.group(1)).normalize()).toString();
        if (found.add(target)) {
          toRead.add(target);
        }
      }
    }
    return found;
  }
}
