package dev.vigie.web;

import dev.vigie.bus.CacheBus;
import dev.vigie.bus.DownloadBus;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;

/**
 * The archive cache's REST face: statistics, trim ("optimize": {@code {targetBytes?, all?, dryRun?}}), revalidate
 * (done by download), sweep ({@code {dryRun?}}). The cache checks the bodies; destructive answers list what went.
 */
final class CacheRoutes implements ApiRoutes {
  /** A revalidation fetches one {@code .CHECKSUM} per cached archive: give it time. */
  private static final long REVALIDATE_TIMEOUT_MS = 600_000;
  private static final long SWEEP_TIMEOUT_MS = 600_000;

  @Override
  public void mount(Router api, ApiContext context) {
    api.get("/cache").handler(ctx -> context.ask(ctx, CacheBus.STATS, null));
    api.post("/cache/trim").handler(ctx -> {
      JsonObject body = context.jsonBody(ctx);
      if (body != null) {
        context.ask(ctx, CacheBus.TRIM, body);
      }
    });
    api.post("/cache/revalidate").handler(ctx -> context.ask(ctx, DownloadBus.REVALIDATE, null, REVALIDATE_TIMEOUT_MS));
    api.post("/cache/sweep").handler(ctx -> {
      JsonObject body = context.jsonBody(ctx);
      if (body != null) {
        context.ask(ctx, CacheBus.SWEEP, body, SWEEP_TIMEOUT_MS);
      }
    });
  }
}
