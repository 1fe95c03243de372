package dev.vigie.meters;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
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

  /** One counter of a family told apart by tags, e.g. {@code state=completed}. */
  public Counter counter(String name, String description, Tags tags) {
    return add(Counter.builder(name).description(description).tags(tags).register(registry));
  }

  /**
   * A timer of a family told apart by tags, published as a histogram with exactly the {@code buckets} given (no
   * percentile histogram: a bounded, known set of {@code le} series per tag set).
   */
  public Timer timer(String name, String description, Tags tags, Duration... buckets) {
    return add(Timer.builder(name).description(description).tags(tags).serviceLevelObjectives(buckets)
        .register(registry));
  }

  /** A counter with a base unit, of a family told apart by tags (e.g. seconds spent, by phase). */
  public Counter counter(String name, String description, String baseUnit, Tags tags) {
    return add(Counter.builder(name).description(description).baseUnit(baseUnit).tags(tags).register(registry));
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
