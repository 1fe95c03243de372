package dev.vigie.bus;

import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;

/** Liveness pings: every area verticle answers on its own address so {@code /health} sees each one. */
public final class HealthBus {
  private HealthBus() {
  }

  /** Request-reply: empty body; replies {@link #upReply} {@code {area, state: "up"}} while the area is deployed. */
  public static String ping(String area) {
    return "vigie." + area + ".ping";
  }

  /**
   * Publish (local, by the launcher): {@code {areas: [names]}} once every area of this Vigie is deployed. The probe
   * area starts its schedule then, not while the other areas are still starting.
   */
  public static final String STARTED = "vigie.health.started";

  /** The one reply shape of a ping. */
  public static JsonObject upReply(String area) {
    return new JsonObject().put("area", area).put("state", "up");
  }

  /** Registers the area's ping answer; it goes away with the verticle that registered it. */
  public static MessageConsumer<Object> answerPings(EventBus bus, String area) {
    JsonObject reply = upReply(area);
    return bus.consumer(ping(area), msg -> msg.reply(reply.copy()));
  }
}
