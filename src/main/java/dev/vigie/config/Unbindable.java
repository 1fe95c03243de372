package dev.vigie.config;

import java.io.IOException;
import java.net.BindException;

/** Whether a listen failed because its port cannot be bound (taken, or not allowed), on either Netty transport. */
public final class Unbindable {
  private Unbindable() {
  }

  /**
   * A {@link BindException} on NIO; Netty's epoll transport throws its own {@link IOException} instead
   * ({@code bind(..) failed with error(-98): Address already in use}).
   */
  public static boolean is(Throwable failure) {
    return failure instanceof BindException
        || failure instanceof IOException && String.valueOf(failure.getMessage()).startsWith("bind(");
  }
}
