package dev.vigie.meters;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * The meters of one area verticle on the global registry ({@code /metrics}), registered in {@code start()} and all
 * removed by {@link #close()} in {@code stop()}, so a redeployed verticle registers fresh ones and no gauge keeps a
 * stopped verticle's state alive. Scrapes run on other threads: a gauge should read a value the verticle publishes
 * (a volatile reading, an atomic), never a collection the event loop is changing.
 */
public final class AreaMeters implements AutoCloseable {
  private final MeterRegistry registry;
  private final List<Meter> meters = new ArrayList<>();

  public AreaMeters() {
    this(Metrics.globalRegistry);
  }

  public AreaMeters(MeterRegistry registry) {
    this.registry = registry;
  }

  public <T> Gauge gauge(String name, String description, T source, ToDoubleFunction<T> value) {
    return add(Gauge.builder(name, source, value).description(description).register(registry));
  }

  /** A counter whose value is read from {@code source}, for totals the verticle already keeps. */
  public <T> FunctionCounter countOf(String name, String description, T source, ToDoubleFunction<T> value) {
    return add(FunctionCounter.builder(name, source, value).description(description).register(registry));
  }

  public Counter counter(String name, String description) {
    return add(Counter.builder(name).description(description).register(registry));
  }

  public Counter counter(String name, String description, String baseUnit) {
    return add(Counter.builder(name).description(description).baseUnit(baseUnit).register(registry));
  }

  /** A counter with one tag, e.g. one per error code; asking twice for the same tag value answers the same counter. */
  public Counter counter(String name, String description, String tagKey, String tagValue) {
    return add(Counter.builder(name).description(description).tag(tagKey, tagValue).register(registry));
  }

  /** Removes every meter this area registered. */
  @Override
  public void close() {
    meters.forEach(registry::remove);
    meters.clear();
  }

  private <M extends Meter> M add(M meter) {
    meters.add(meter);
    return meter;
  }
}
