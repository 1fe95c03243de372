package dev.vigie.stress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigie.bus.Refusal;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One run per target server, on its own: no Vert.x, no server. */
class ActiveRunsTest {
  private final ActiveRuns runs = new ActiveRuns();

  private static StressPlan planOn(String target) {
    return new StressPlan(StressPlan.Kind.SEQUENTIAL, URI.create(target), 10, 50, 1, 0, 20, 1000,
        new PassCriteria(100, 100, 0));
  }

  @Test
  void aSecondRunOnTheSameServerIsRefusedWhateverThePath() {
    ActiveRun first = runs.admit(planOn("http://127.0.0.1:8081/a"));

    Refusal refusal = assertThrows(Refusal.class, () -> runs.admit(planOn("http://127.0.0.1:8081/b?x=1")));

    assertEquals(409, refusal.status());
    assertEquals("RUN_IN_PROGRESS", refusal.code());
    assertTrue(refusal.getMessage().contains(first.id), refusal.getMessage());
    assertEquals(1, runs.toJson().size());
  }

  @Test
  void otherServersRunAlongside() {
    ActiveRun a = runs.admit(planOn("http://127.0.0.1:8081/"));
    ActiveRun b = runs.admit(planOn("http://127.0.0.1:8082/"));
    ActiveRun c = runs.admit(planOn("https://127.0.0.1:8081/"));

    assertNotEquals(a.id, b.id);
    assertEquals(List.of(a.id, b.id, c.id), runs.toJson().stream().map(j -> j.getString("id")).toList());
    assertSame(b, runs.get(b.id));
  }

  @Test
  void anEndedRunFreesItsServer() {
    ActiveRun first = runs.admit(planOn("http://localhost:8081/"));

    assertSame(first, runs.remove(first.id));
    assertNull(runs.remove(first.id), "ends once");
    assertFalse(runs.contains(first.id));

    ActiveRun second = runs.admit(planOn("http://LOCALHOST:8081/other"));
    assertTrue(runs.contains(second.id));
  }
}
