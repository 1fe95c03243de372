package dev.vigie.bus;

import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonObject;

/**
 * Publishes an area's section on {@link MonitorBus#SECTION} only when its content changed since the last time, for
 * areas that rebuild their section on a timer: an unchanged section would cost every browser a frame for nothing.
 */
public final class SectionPublisher {
  private final EventBus bus;
  private final DeliveryOptions options;
  private String last;

  public SectionPublisher(EventBus bus) {
    this(bus, new DeliveryOptions());
  }

  /** Publishes with these options: {@code setLocalOnly(true)} for a section that only this node's monitor shows. */
  public SectionPublisher(EventBus bus, DeliveryOptions options) {
    this.bus = bus;
    this.options = options;
  }

  public void publish(JsonObject section) {
    String encoded = section.encode();
    if (!encoded.equals(last)) {
      last = encoded;
      bus.publish(MonitorBus.SECTION, section, options);
    }
  }
}
