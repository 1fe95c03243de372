package dev.vigie.bus;

/**
 * Notify addresses: the notification channels and their delivery log. Channels come back with every secret
 * redacted. The area listens to {@link MonitorBus#ALERT} and delivers each raise and clear once per channel.
 */
public final class NotifyBus {
  private NotifyBus() {
  }

  /** Request-reply: empty body; replies {@code {channels: [channel, redacted]}}. */
  public static final String CHANNELS = "vigie.notify.channels";
  /** Request-reply: {@code {id}}; replies the channel, redacted. Fails 404 {@code NO_CHANNEL}. */
  public static final String CHANNEL = "vigie.notify.channel";
  /**
   * Request-reply: {@code {channel, id?}}: adds a channel (no id) or replaces channel {@code id}; a secret sent back
   * as {@code [redacted]} keeps its current value. Replies the channel, redacted. Fails 400 {@code BAD_PARAMETER}
   * naming the field, 404 {@code NO_CHANNEL}, 409 {@code CHANNEL_EXISTS}, 409 {@code TOO_MANY_CHANNELS}.
   */
  public static final String SAVE = "vigie.notify.save";
  /** Request-reply: {@code {id}}; replies {@code {deleted: id}}. Fails 404 {@code NO_CHANNEL}. */
  public static final String DELETE = "vigie.notify.delete";
  /**
   * Request-reply: {@code {id}}; sends a test message through the channel (one attempt, through its breaker) and
   * replies {@code {channel, delivered, error?}}. Fails 404 {@code NO_CHANNEL}.
   */
  public static final String TEST = "vigie.notify.test";
  /**
   * Request-reply: {@code {limit?, offset?, channel?}}; replies {@code {deliveries: [newest first], total, limit,
   * offset}} from the bounded delivery log. Fails 400 {@code BAD_PARAMETER} naming the field.
   */
  public static final String DELIVERIES = "vigie.notify.deliveries";
}
