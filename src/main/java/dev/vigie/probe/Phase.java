package dev.vigie.probe;

/**
 * The phases of one endpoint check, in order. {@link #CONNECT} runs from the end of the name lookup until the client
 * hands over a connection: for a new one the TCP handshake and, for https, the TLS handshake (Vert.x 5.0.8's client
 * hands a connection over only once TLS is done, so the two are one phase); for a pooled one, the hand-over alone.
 */
enum Phase {
  DNS("dns"), CONNECT("connect"), FIRST_BYTE("firstByte"), BODY("body");

  private final String wire;

  Phase(String wire) {
    this.wire = wire;
  }

  /** The name in results ({@code dnsMs}, ...) and in the {@code phase} label of the meters. */
  String wire() {
    return wire;
  }
}
