package dev.vigie.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class RecentRequestsTest {
  @Test
  void keepsTheNewestUpToItsBoundInOrder() {
    RecentRequests log = new RecentRequests(3);
    for (int i = 0; i < 5; i++) {
      log.add(new MirrorVerticle.Seen("/a" + i, null, i));
    }
    assertEquals(List.of("/a2", "/a3", "/a4"), log.list().stream().map(MirrorVerticle.Seen::path).toList());
  }
}
