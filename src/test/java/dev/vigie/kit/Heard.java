package dev.vigie.kit;

import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * What Vigie said on some event-bus addresses since the test began to listen ({@link TestVigie#listen}): every body,
 * in order, so a test can wait for the one it expects instead of sleeping.
 */
public final class Heard {
  private final List<JsonObject> bodies = new CopyOnWriteArrayList<>();

  void add(JsonObject body) {
    bodies.add(body);
  }

  /** Everything heard so far. */
  public List<JsonObject> all() {
    return List.copyOf(bodies);
  }

  /** The first body {@code wanted} accepts, waiting for it as {@link Wait#eventually} does. */
  public JsonObject await(String description, Predicate<JsonObject> wanted) {
    return Wait.eventually(description, () -> bodies.stream().filter(wanted).findFirst(), found -> found.isPresent())
        .orElseThrow();
  }
}
