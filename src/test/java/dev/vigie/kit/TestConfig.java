package dev.vigie.kit;

import dev.vigie.config.ConfigLoader;
import dev.vigie.demo.DemoVerticle;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A Vigie configuration for a test: the built-in defaults ({@link ConfigLoader#defaults()}) or the demo's, with the
 * web server on a free port, the test's own data directory and a fast push, then whatever the test changes.
 * {@link #only} picks the areas to start; without it {@link TestVigie#start} starts them all.
 */
public final class TestConfig {
  private final JsonObject json;
  private Set<String> areas;

  private TestConfig(JsonObject json, Path dataDir) {
    this.json = json;
    json.put("dataDir", dataDir.toString());
    json.getJsonObject("http").put("port", 0);
    json.getJsonObject("monitor").put("pushIntervalMs", 100);
  }

  /** The built-in defaults in {@code dataDir}, on a free port, pushing every 100 ms. */
  public static TestConfig defaults(Path dataDir) {
    return new TestConfig(ConfigLoader.defaults(), dataDir);
  }

  /**
   * What {@code --demo} loads ({@code conf/demo.json} over the defaults), in {@code dataDir} and on a free port;
   * the demo's mirror and sample backend bind free ports, as {@code conf/demo.json} says.
   */
  public static TestConfig demo(Path dataDir) {
    return new TestConfig(ConfigLoader.load(ConfigLoader.Arguments.parse("--demo"), Map.of()), dataDir);
  }

  /** Starts only these areas (names as {@code /health} reports them: monitor, cache, download, ..., web). */
  public TestConfig only(String... areas) {
    this.areas = new LinkedHashSet<>(List.of(areas));
    return this;
  }

  public TestConfig httpPort(int port) {
    return set("http.port", port);
  }

  public TestConfig pushIntervalMs(long ms) {
    return set("monitor.pushIntervalMs", ms);
  }

  public TestConfig sampleIntervalMs(long ms) {
    return set("monitor.sampleIntervalMs", ms);
  }

  /** The bearer token that guards every change (what {@code VIGIE_TOKEN} sets). */
  public TestConfig token(String token) {
    return set("http.token", token);
  }

  /**
   * Joins a clustered event bus, as {@code --cluster} does. Admitted without Hazelcast's wait for more joiners: a
   * test's members start one after the other, so the wait would only delay each one.
   */
  public TestConfig cluster() {
    return set("cluster.enabled", true).set("cluster.joinWaitSeconds", 0);
  }

  /**
   * The demo's archive mirror on a free port, generating archives of {@code tradesPerDay} rows, with
   * {@code source.baseUrl} and {@code source.listingUrl} pointing at it; {@link TestVigie#mirror()} reaches its faults
   * and archives. Archives are written under {@code <dataDir>/mirror}.
   */
  public TestConfig mirror(long tradesPerDay) {
    set("demo.enabled", true);
    set("demo.mirror.enabled", true).set("demo.mirror.port", 0).set("demo.mirror.tradesPerDay", tradesPerDay);
    return set("source.baseUrl", DemoVerticle.MIRROR).set("source.listingUrl", DemoVerticle.MIRROR);
  }

  /** The demo's sample backend on a free port; URLs in the configuration name it {@value DemoVerticle#BACKEND}. */
  public TestConfig backend() {
    set("demo.enabled", true);
    return set("demo.backend.enabled", true).set("demo.backend.port", 0);
  }

  /** Sets one key, named as in the configuration file ({@code "cache.upstream.freshMs"}). */
  public TestConfig set(String dottedKey, Object value) {
    String[] parts = dottedKey.split("\\.");
    JsonObject parent = json;
    for (int i = 0; i < parts.length - 1; i++) {
      JsonObject child = parent.getJsonObject(parts[i]);
      if (child == null) {
        child = new JsonObject();
        parent.put(parts[i], child);
      }
      parent = child;
    }
    parent.put(parts[parts.length - 1], value);
    return this;
  }

  /** Merges {@code overrides} deeply into one section ({@code "stress"}, {@code "cache.upstream"}, ...). */
  public TestConfig merge(String dottedSection, JsonObject overrides) {
    JsonObject section = json;
    for (String part : dottedSection.split("\\.")) {
      section = section.getJsonObject(part);
    }
    section.mergeIn(overrides, true);
    return this;
  }

  /** Any other change, on the JSON itself. */
  public TestConfig with(Consumer<JsonObject> change) {
    change.accept(json);
    return this;
  }

  /** The areas to start, or null for all of them. */
  Set<String> areas() {
    return areas;
  }

  /** A copy of the configuration as it stands. */
  public JsonObject json() {
    return json.copy();
  }
}
