package dev.vigie.cluster;

import static dev.vigie.kit.Wait.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vigie.kit.Wait;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The role's logic on one Vert.x (its shared-data locks are local; clustered, Hazelcast's map locks stand behind the
 * same API: ClusterTest covers that): one holder at a time, handed over when the holder stops.
 */
class RoleHolderTest {
  private final Vertx vertx = Vertx.vertx();
  private final Map<String, Boolean> held = new ConcurrentHashMap<>();
  private final List<String> changes = java.util.Collections.synchronizedList(new ArrayList<>());

  @AfterEach
  void close() {
    await(vertx.close());
  }

  private RoleHolder holder(String name, Context context) {
    RoleHolder holder = new RoleHolder(vertx, "alerts", 100, h -> {
      held.put(name, h);
      changes.add(name + (h ? "+" : "-"));
    });
    context.runOnContext(v -> holder.start());
    return holder;
  }

  @Test
  void oneHolderAtATimeAndTheRoleIsHandedOverWhenItStops() {
    Context first = vertx.getOrCreateContext();
    Context second = vertx.getOrCreateContext();
    Context third = vertx.getOrCreateContext();
    Map<String, RoleHolder> holders = Map.of("a", holder("a", first), "b", holder("b", second), "c", holder("c", third));
    Map<String, Context> contexts = Map.of("a", first, "b", second, "c", third);

    String holder = Wait.eventually("one holder", this::holders, list -> list.size() == 1).get(0);
    for (int round = 0; round < 2; round++) {
      String leaving = holder;
      contexts.get(leaving).runOnContext(v -> holders.get(leaving).stop());
      holder = Wait.eventually("the role handed over from " + leaving, this::holders,
          list -> list.size() == 1 && !list.contains(leaving)).get(0);
    }
    // Three takes and two releases, never two holders at once: each take follows the previous holder's release.
    assertEquals(5, changes.size(), changes.toString());
    for (int i = 1; i < changes.size(); i += 2) {
      assertEquals('-', changes.get(i).charAt(1), "a release comes between two takes: " + changes);
    }
  }

  @Test
  void aStoppedHolderNeverTakesTheRole() {
    Context context = vertx.getOrCreateContext();
    RoleHolder holder = holder("a", context);
    Wait.eventually("the role taken", this::holders, list -> list.equals(List.of("a")));
    context.runOnContext(v -> holder.stop());
    Wait.eventually("the role given back", this::holders, List::isEmpty);
    holder("b", vertx.getOrCreateContext());
    Wait.eventually("the other taking it", this::holders, list -> list.equals(List.of("b")));
    assertEquals(List.of("a+", "a-", "b+"), changes);
  }

  private List<String> holders() {
    return held.entrySet().stream().filter(Map.Entry::getValue).map(Map.Entry::getKey).sorted().toList();
  }
}
