package dev.vigie.web;

import io.vertx.core.net.SocketAddress;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * Which client a connection or request counts against, for caps and rate limits: one IPv4 address; one IPv6 /64
 * (a single host is usually given a whole /64, so counting its addresses apart would multiply its quota); and every
 * loopback address, IPv4 or IPv6, as one client, since 127.0.0.2 and 127.0.0.3 are the same machine.
 */
final class ClientGroup {
  static final String LOOPBACK = "loopback";
  static final String UNKNOWN = "unknown";

  private ClientGroup() {
  }

  static String of(SocketAddress address) {
    return address == null ? UNKNOWN : of(address.hostAddress());
  }

  /** The group of a literal address ({@code 10.0.0.1}, {@code 2001:db8::1}, {@code ::ffff:10.0.0.1}). */
  static String of(String host) {
    if (host == null || host.isEmpty()) {
      return UNKNOWN;
    }
    String literal = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    // Literal addresses only: a name would mean a lookup, and a socket's address is always a literal.
    if (!literal.matches("\\d{1,3}(\\.\\d{1,3}){3}") && !literal.matches("[0-9a-fA-F:.]*:[0-9a-fA-F:.]*(%[\\w.-]+)?")) {
      return UNKNOWN;
    }
    InetAddress address;
    try {
      address = InetAddress.getByName(literal);
    } catch (UnknownHostException | SecurityException e) {
      return UNKNOWN;
    }
    if (address.isLoopbackAddress()) {
      return LOOPBACK;
    }
    if (address instanceof Inet4Address) {
      return address.getHostAddress();
    }
    byte[] bytes = address.getAddress();
    if (address instanceof Inet6Address && bytes.length == 16) {
      StringBuilder prefix = new StringBuilder();
      for (int i = 0; i < 8; i += 2) {
        prefix.append(String.format(Locale.ROOT, "%x:", ((bytes[i] & 0xff) << 8) | (bytes[i + 1] & 0xff)));
      }
      return prefix.append(":/64").toString();
    }
    return address.getHostAddress();
  }
}
