package dev.vigie.stress;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;

/**
 * The machine a target name or address reaches, as the lock of {@link ActiveRuns} knows it: every loopback address,
 * {@code localhost}, the wildcard address and this host's own interface addresses are one machine ({@link #THIS});
 * any other host is the set of addresses its name resolves to, so two names of one server share a lock.
 *
 * @param keys what the lock is taken on
 * @param description the machine in words, for a refusal
 */
record TargetMachine(Set<String> keys, String description) {
  static final TargetMachine THIS = new TargetMachine(Set.of("this-machine"), "this machine (loopback)");

  /** Resolves {@code host} (blocking: DNS and interface lookups; call it on a worker). */
  static TargetMachine resolve(String host) throws UnknownHostException {
    String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    if (Allowlist.isLoopback(h)) {
      return THIS;
    }
    InetAddress[] addresses = InetAddress.getAllByName(h);
    Set<String> keys = new TreeSet<>();
    for (InetAddress a : addresses) {
      if (isThisMachine(a)) {
        return THIS;
      }
      keys.add(a.getHostAddress());
    }
    return new TargetMachine(Set.copyOf(keys), host + " (" + String.join(", ", keys) + ")");
  }

  /** A machine known by these addresses; for tests. */
  static TargetMachine of(String... addresses) {
    return new TargetMachine(Set.of(addresses), Arrays.toString(addresses));
  }

  private static boolean isThisMachine(InetAddress a) {
    if (a.isLoopbackAddress() || a.isAnyLocalAddress()) {
      return true;
    }
    try {
      return NetworkInterface.getByInetAddress(a) != null;
    } catch (SocketException e) {
      return false;
    }
  }
}
