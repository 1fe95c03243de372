package dev.vigie.notify;

import dev.vigie.bus.Metric;
import dev.vigie.bus.SectionUpdate;
import dev.vigie.bus.Status;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * The {@code notify} section: channels, open breakers, queued and failed deliveries, and in {@code details} the
 * channels (redacted) and the newest deliveries. An open breaker is critical, a delivery given up a warning.
 */
final class NotifySection {
  private static final int RECENT = 10;

  private NotifySection() {
  }

  static SectionUpdate of(ChannelBook book, DeliveryLog log) {
    JsonArray channels = book.shownAll();
    int open = 0;
    long queued = 0;
    long delivered = 0;
    long failed = 0;
    for (int i = 0; i < channels.size(); i++) {
      JsonObject state = channels.getJsonObject(i).getJsonObject("state");
      open += "closed".equals(state.getString("breaker")) ? 0 : 1;
      queued += state.getLong("queued");
      delivered += state.getLong("delivered");
      failed += state.getLong("failed");
    }
    List<Metric> metrics = List.of(
        Metric.of("Channels", channels.size(), null, Status.NEUTRAL),
        Metric.of("Breakers open", open, null, open > 0 ? Status.CRITICAL : Status.GOOD),
        Metric.of("Queued", queued, null, Status.NEUTRAL),
        Metric.of("Delivered", delivered, null, Status.NEUTRAL),
        Metric.of("Failed", failed, null, failed > 0 ? Status.WARNING : Status.GOOD));
    JsonObject details = new JsonObject().put("channels", channels).put("deliveries", log.newest(RECENT));
    return new SectionUpdate("notify", "Notifications", metrics, details);
  }
}
