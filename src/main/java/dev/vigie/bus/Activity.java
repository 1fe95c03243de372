package dev.vigie.bus;

import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonObject;

/**
 * An area's voice in the activity log: each entry {@code {level, message, component}} is published on
 * {@link MonitorBus#ACTIVITY}, where the monitor appends it. One per verticle, bound to its component name.
 */
public final class Activity {
  private final EventBus bus;
  private final String component;

  public Activity(EventBus bus, String component) {
    this.bus = bus;
    this.component = component;
  }

  public void info(String message) {
    publish("info", message);
  }

  public void warning(String message) {
    publish("warning", message);
  }

  public void error(String message) {
    publish("error", message);
  }

  private void publish(String level, String message) {
    bus.publish(MonitorBus.ACTIVITY, entry(level, message, component));
  }

  /** The entry as the monitor reads it; level is {@code info | warning | error}. */
  public static JsonObject entry(String level, String message, String component) {
    return new JsonObject().put("level", level).put("message", message).put("component", component);
  }
}
