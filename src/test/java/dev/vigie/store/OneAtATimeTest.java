package dev.vigie.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OneAtATimeTest {
  private final OneAtATime queue = new OneAtATime();
  private final List<String> started = new ArrayList<>();

  /**
   * The store's race: a maintenance task whose first write had already completed queued a rollup from inside its own
   * start, and the two rolled up at once; the older rollup's revision bump landed after the answer.
   */
  @Test
  void aTaskAskedForFromInsideAStartingTaskWaitsForIt() {
    Promise<String> first = Promise.promise();
    Future<String> outer = queue.run(() -> {
      started.add("first");
      queue.run(() -> {
        started.add("second");
        return Future.succeededFuture("second");
      });
      return first.future();
    });
    assertEquals(List.of("first"), started);
    first.complete("first");
    assertEquals(List.of("first", "second"), started);
    assertEquals("first", outer.result());
  }

  @Test
  void tasksRunInOrderAndAFailureDoesNotStopTheNext() {
    Promise<String> first = Promise.promise();
    queue.run(() -> {
      started.add("first");
      return first.future();
    });
    Future<String> failing = queue.run(() -> {
      started.add("failing");
      throw new IllegalStateException("broken");
    });
    Future<String> last = queue.run(() -> {
      started.add("last");
      return Future.succeededFuture("last");
    });
    assertEquals(List.of("first"), started);
    first.fail("down");
    assertEquals(List.of("first", "failing", "last"), started);
    assertTrue(failing.failed());
    assertEquals("last", last.result());
  }
}
