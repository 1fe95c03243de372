package dev.vigie.cache;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Re-fetches the {@code .CHECKSUM} of cached archives from {@code source.baseUrl}, a few at a time, and sorts them
 * into unchanged, changed (Binance re-published the file) and failed. Runs on the cache verticle's event loop.
 */
final class ChecksumRevalidation {
  private static final Pattern SHA256 = Pattern.compile("[0-9a-fA-F]{64}");

  /** The outcome: keys whose checksum is unchanged or changed, and {@code {key, error, message}} failures. */
  record Outcome(List<String> unchanged, List<String> changed, JsonArray failed) {
  }

  private final WebClient client;
  private final String baseUrl;
  private final int concurrency;
  private final long timeoutMs;

  ChecksumRevalidation(WebClient client, String baseUrl, int concurrency, long timeoutMs) {
    this.client = client;
    this.baseUrl = baseUrl;
    this.concurrency = concurrency;
    this.timeoutMs = timeoutMs;
  }

  Future<Outcome> run(List<ArchiveEntry> entries) {
    Outcome outcome = new Outcome(new ArrayList<>(), new ArrayList<>(), new JsonArray());
    Promise<Outcome> done = Promise.promise();
    Iterator<ArchiveEntry> pending = entries.iterator();
    int[] running = {0};
    Runnable pump = new Runnable() {
      @Override
      public void run() {
        while (running[0] < concurrency && pending.hasNext()) {
          ArchiveEntry entry = pending.next();
          running[0]++;
          check(entry, outcome).onComplete(ar -> {
            running[0]--;
            run();
          });
        }
        if (running[0] == 0 && !pending.hasNext()) {
          done.tryComplete(outcome);
        }
      }
    };
    pump.run();
    return done.future();
  }

  private Future<Void> check(ArchiveEntry entry, Outcome outcome) {
    return client.getAbs(baseUrl + "/" + entry.key() + ".CHECKSUM").timeout(timeoutMs).send()
        .<Void>map(response -> {
          if (response.statusCode() == 404) {
            fail(outcome, entry, "MISSING", "the .CHECKSUM is gone (404)");
          } else if (response.statusCode() != 200) {
            fail(outcome, entry, "HTTP_ERROR", "the .CHECKSUM answered " + response.statusCode());
          } else {
            String text = response.bodyAsString() == null ? "" : response.bodyAsString().trim();
            String first = text.isEmpty() ? "" : text.split("\\s+")[0];
            if (!SHA256.matcher(first).matches()) {
              fail(outcome, entry, "BAD_CHECKSUM_FILE", "the .CHECKSUM does not start with a SHA-256");
            } else if (first.toLowerCase(Locale.ROOT).equals(entry.sha256())) {
              outcome.unchanged().add(entry.key());
            } else {
              outcome.changed().add(entry.key());
            }
          }
          return null;
        })
        .recover(e -> {
          fail(outcome, entry, "NETWORK", String.valueOf(e.getMessage()));
          return Future.succeededFuture();
        });
  }

  private static void fail(Outcome outcome, ArchiveEntry entry, String error, String message) {
    outcome.failed().add(new JsonObject().put("key", entry.key()).put("error", error).put("message", message));
  }
}
