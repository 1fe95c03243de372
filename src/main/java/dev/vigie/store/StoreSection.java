package dev.vigie.store;

import dev.vigie.bus.Metric;
import dev.vigie.bus.SectionUpdate;
import dev.vigie.bus.Status;
import io.vertx.core.json.JsonObject;
import java.util.List;

/** The monitor's "store" section, built from the store's state ({@code vigie.store.state}, the section's details). */
final class StoreSection {
  private StoreSection() {
  }

  static SectionUpdate of(JsonObject state) {
    String s = state.getString("state");
    Status stateStatus = switch (s) {
      case "up" -> Status.GOOD;
      case "down" -> Status.CRITICAL;
      default -> Status.NEUTRAL;
    };
    int buffered = state.getInteger("buffered");
    int bound = state.getInteger("bufferRows");
    Status bufferStatus = buffered >= bound ? Status.CRITICAL : buffered * 2 >= bound ? Status.WARNING : Status.GOOD;
    long dropped = state.getLong("dropped");
    Long size = state.getLong("sizeBytes");
    long max = state.getLong("maxBytes");
    Status sizeStatus = size == null ? Status.NEUTRAL : size >= max ? Status.WARNING : Status.GOOD;
    String error = state.getString("lastError");
    return new SectionUpdate("store", "History store", List.of(
        Metric.of("State", s, null, stateStatus)
            .withHint(state.getString("database") + " at " + state.getString("location")
                + (error == null ? "" : "; last error: " + error)),
        Metric.of("Buffered", buffered, "rows", bufferStatus)
            .withHint("waiting to be written; at most " + bound + " (store.bufferRows), then the oldest are dropped"),
        Metric.of("Dropped", dropped, "rows", dropped == 0 ? Status.GOOD : Status.WARNING)
            .withHint("results lost because the buffer was full while the database was down or slow"),
        Metric.of("Written", state.getLong("written"), "rows", Status.NEUTRAL),
        Metric.of("Size", size == null ? null : Math.round(size / 104_857.6) / 10.0, "MB", sizeStatus)
            .withHint("the oldest data goes first past " + Math.round(max / 104_857.6) / 10.0 + " MB (store.maxBytes)")),
        state);
  }
}
