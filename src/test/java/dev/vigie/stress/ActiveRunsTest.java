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

/** One run per target machine, and a global bound on runs, on their own: no Vert.x, no server. */
class ActiveRunsTest {
  private static final int MAX_RUNS = 3;
  private final ActiveRuns runs = new ActiveRuns();

  private static StressPlan planOn(String target) {
    return new StressPlan(StressPlan.Kind.SEQUENTIAL, URI.create(target), 10, 50, 1, 0, 20, 1000,
        new PassCriteria(100, 100, 0), 1);
  }

  private ActiveRun admit(String target, TargetMachine machine) {
    return runs.admit(planOn(target), machine, MAX_RUNS);
  }

  @Test
  void aSecondRunOnTheSameMachineIsRefusedWhateverThePortOrPath() {
    ActiveRun first = admit("http://127.0.0.1:8081/a", TargetMachine.THIS);

    Refusal refusal = assertThrows(Refusal.class, () -> admit("http://localhost:8082/b?x=1", TargetMachine.THIS));

    assertEquals(409, refusal.status());
    assertEquals("RUN_IN_PROGRESS", refusal.code());
    assertTrue(refusal.getMessage().contains(first.id), refusal.getMessage());
    assertEquals(1, runs.toJson().size());
  }

  @Test
  void twoNamesSharingAnAddressAreOneMachine() {
    admit("http://a.example/", TargetMachine.of("192.0.2.1", "192.0.2.2"));
    Refusal refusal = assertThrows(Refusal.class, () -> admit("http://b.example/", TargetMachine.of("192.0.2.2")));
    assertEquals("RUN_IN_PROGRESS", refusal.code());
  }

  @Test
  void otherMachinesRunAlongsideUpToTheGlobalBound() {
    ActiveRun a = admit("http://a.example/", TargetMachine.of("192.0.2.1"));
    ActiveRun b = admit("http://b.example/", TargetMachine.of("192.0.2.2"));
    ActiveRun c = admit("http://127.0.0.1:8081/", TargetMachine.THIS);

    Refusal tooMany = assertThrows(Refusal.class, () -> admit("http://d.example/", TargetMachine.of("192.0.2.4")));
    assertEquals(429, tooMany.status());
    assertEquals("TOO_MANY_RUNS", tooMany.code());
    assertTrue(tooMany.getMessage().contains("stress.maxConcurrentRuns"), tooMany.getMessage());

    assertNotEquals(a.id, b.id);
    assertEquals(List.of(a.id, b.id, c.id), runs.toJson().stream().map(j -> j.getString("id")).toList());
    assertSame(b, runs.get(b.id));
    runs.remove(a.id);
    assertTrue(runs.contains(admit("http://d.example/", TargetMachine.of("192.0.2.4")).id), "a slot freed");
  }

  @Test
  void anEndedRunFreesItsMachine() {
    ActiveRun first = admit("http://localhost:8081/", TargetMachine.THIS);

    assertSame(first, runs.remove(first.id));
    assertNull(runs.remove(first.id), "ends once");
    assertFalse(runs.contains(first.id));

    ActiveRun second = admit("http://127.0.0.2:8081/other", TargetMachine.THIS);
    assertTrue(runs.contains(second.id));
  }

  @Test
  void everyLoopbackNameIsThisMachine() throws Exception {
    for (String host : List.of("localhost", "127.0.0.1", "127.0.0.2", "127.255.0.9", "[::1]", "0.0.0.0")) {
      assertSame(TargetMachine.THIS, TargetMachine.resolve(host), host);
    }
  }
}
