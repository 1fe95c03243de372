package dev.vigie.web;

/**
 * The pace of one live client's commands ({@code /ws} frames, bridge registrations): a token bucket refilled at
 * {@code perSecond} holding up to {@code burst}. A command over the rate is ignored; a client that keeps sending
 * while ignored — another {@code burst} commands past the rate — is flooding and is to be closed.
 */
final class CommandRate {
  enum Verdict { ACCEPT, IGNORE, CLOSE }

  private final double perSecond;
  private final double burst;
  private double tokens;
  private long refilledAt;
  private long ignored;

  CommandRate(double perSecond, double burst, long nowNanos) {
    check(perSecond, burst);
    this.perSecond = perSecond;
    this.burst = burst;
    this.tokens = burst;
    this.refilledAt = nowNanos;
  }

  /** Refuses a pace that would let nothing through or never refill. */
  static void check(double perSecond, double burst) {
    if (perSecond <= 0 || burst < 1) {
      throw new IllegalArgumentException("http.live.commandsPerSecond must be over 0 and http.live.commandBurst at least 1");
    }
  }

  /** What to do with a command arriving at {@code nowNanos}. */
  Verdict take(long nowNanos) {
    // Tokens go below zero while the client is over the rate: that debt is how far it has kept flooding.
    tokens = Math.min(burst, tokens + (nowNanos - refilledAt) / 1e9 * perSecond);
    refilledAt = nowNanos;
    tokens -= 1;
    if (tokens >= 0) {
      return Verdict.ACCEPT;
    }
    ignored++;
    return tokens <= -burst ? Verdict.CLOSE : Verdict.IGNORE;
  }

  /** Commands ignored so far. */
  long ignored() {
    return ignored;
  }
}
