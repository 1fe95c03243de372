package dev.vigie.bus;

/** Liveness pings: every area verticle answers on its own address so {@code /health} sees each one. */
public final class HealthBus {
  private HealthBus() {
  }

  /** Request-reply: empty body; replies {@code {area, state: "up"}} while the area's verticle is deployed. */
  public static String ping(String area) {
    return "vigie." + area + ".ping";
  }
}
