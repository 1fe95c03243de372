package dev.vigie.download;

import static dev.vigie.kit.TestArchives.klinesKey;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link ChecksumRevalidation} without Vert.x: every page followed, each archive sorted, odd keys never fetched. */
class RevalidationRunTest {
  private static final String SAME = "a".repeat(64);
  private static final String OTHER = "b".repeat(64);

  @Test
  void followsEveryPageAndSortsEachArchive() {
    String kept = klinesKey("BTCUSDT", "2024-03-01");
    String republished = klinesKey("BTCUSDT", "2024-03-02");
    String gone = klinesKey("BTCUSDT", "2024-03-03");
    Map<String, ChecksumRevalidation.Page> pages = Map.of(
        "", new ChecksumRevalidation.Page(List.of(new ChecksumRevalidation.Held(kept, SAME),
            new ChecksumRevalidation.Held("notes/readme.txt", SAME)), "p2"),
        "p2", new ChecksumRevalidation.Page(List.of(new ChecksumRevalidation.Held(republished, SAME),
            new ChecksumRevalidation.Held(gone, SAME)), null));
    List<String> asked = new ArrayList<>();
    ChecksumRevalidation run = new ChecksumRevalidation(
        after -> Future.succeededFuture(pages.get(after == null ? "" : after)),
        spec -> {
          asked.add(spec.key());
          if (spec.key().equals(gone)) {
            return Future.failedFuture(DownloadFailure.permanent(DownloadFailure.MISSING, "404"));
          }
          return Future.succeededFuture(spec.key().equals(republished) ? OTHER : SAME.toUpperCase());
        }, 2);

    ChecksumRevalidation.Outcome outcome = run.run().result();

    assertEquals(4, outcome.checked());
    assertEquals(List.of(kept, republished, gone), asked, "an unsupported key is never fetched");
    assertEquals(List.of(kept), outcome.unchanged());
    assertEquals(List.of(republished), outcome.changed().stream().map(s -> s.key()).toList());
    assertEquals(List.of("UNSUPPORTED_KEY", "MISSING"),
        outcome.failed().stream().map(f -> ((JsonObject) f).getString("error")).toList());
  }
}
