package dev.vigie.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.vigie.bus.Refusal;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

/** Which client an address counts as, and the caps and command pace that use it: plain values, no server. */
class ClientGroupTest {
  @Test
  void loopbackIsOneClientIpv6IsGroupedBy64AndIpv4ByAddress() {
    assertEquals(ClientGroup.LOOPBACK, ClientGroup.of("127.0.0.1"));
    assertEquals(ClientGroup.LOOPBACK, ClientGroup.of("127.45.3.9"));
    assertEquals(ClientGroup.LOOPBACK, ClientGroup.of("::1"));
    assertEquals(ClientGroup.LOOPBACK, ClientGroup.of("0:0:0:0:0:0:0:1"));
    assertEquals("10.0.0.1", ClientGroup.of("10.0.0.1"));
    assertNotEquals(ClientGroup.of("10.0.0.1"), ClientGroup.of("10.0.0.2"));
    assertEquals("10.0.0.1", ClientGroup.of("::ffff:10.0.0.1"), "an IPv4-mapped address is its IPv4 address");
    assertEquals("2001:db8:1:2::/64", ClientGroup.of("2001:db8:1:2:aaaa:bbbb:cccc:dddd"));
    assertEquals(ClientGroup.of("2001:db8:1:2::1"), ClientGroup.of("[2001:db8:1:2:ffff::9]"));
    assertNotEquals(ClientGroup.of("2001:db8:1:2::1"), ClientGroup.of("2001:db8:1:3::1"));
    assertEquals(ClientGroup.UNKNOWN, ClientGroup.of("example.com"), "never a name lookup");
    assertEquals(ClientGroup.UNKNOWN, ClientGroup.of((String) null));
  }

  @Test
  void connectionCapsPerClientAndInAll() {
    LiveConnections caps = new LiveConnections(new JsonObject().put("maxConnections", 3).put("maxConnectionsPerClient", 2));
    assertEquals(null, caps.admit("a"));
    assertEquals(null, caps.admit("a"));
    Refusal perClient = caps.admit("a");
    assertEquals(429, perClient.status());
    assertEquals(null, caps.admit("b"));
    Refusal ceiling = caps.admit("c");
    assertEquals(503, ceiling.status());
    caps.release("a");
    assertEquals(null, caps.admit("c"));
    caps.release("unknown-group");
    assertEquals(3, caps.total(), "releasing what was never admitted changes nothing");
  }

  @Test
  void commandsOverTheRateAreIgnoredThenTheFlooderIsClosed() {
    long second = 1_000_000_000L;
    CommandRate rate = new CommandRate(2, 4, 0);
    for (int i = 0; i < 4; i++) {
      assertEquals(CommandRate.Verdict.ACCEPT, rate.take(0));
    }
    for (int i = 0; i < 3; i++) {
      assertEquals(CommandRate.Verdict.IGNORE, rate.take(0));
    }
    // Two seconds refill four tokens: the debt of three is paid and one command passes.
    assertEquals(CommandRate.Verdict.ACCEPT, rate.take(2 * second));
    assertEquals(CommandRate.Verdict.IGNORE, rate.take(2 * second));
    assertEquals(CommandRate.Verdict.IGNORE, rate.take(2 * second));
    assertEquals(CommandRate.Verdict.IGNORE, rate.take(2 * second));
    assertEquals(CommandRate.Verdict.CLOSE, rate.take(2 * second));
    assertEquals(7, rate.ignored());
  }
}
