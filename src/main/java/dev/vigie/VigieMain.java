package dev.vigie;

import dev.vigie.config.ConfigException;
import dev.vigie.config.ConfigLoader;
import dev.vigie.config.Unbindable;
import io.vertx.core.json.JsonObject;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import net.logstash.logback.argument.StructuredArguments;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code java -jar vigie.jar [-conf FILE|JSON] [--demo] [--port N] [--cluster]}. Bad configuration prints one line and exits
 * with status 2.
 */
public final class VigieMain {
  static final int EXIT_CONFIG = 2;
  /** What Vert.x's own close may take once the areas have stopped (or their bound passed). */
  private static final long CLOSE_MARGIN_MS = 700;

  private VigieMain() {
  }

  public static void main(String[] args) {
    // Both properties are read when logging starts, so they are set before the first logger exists.
    System.setProperty("vigie.runId", "vigie-" + LocalDateTime.now(ZoneOffset.UTC)
        .format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + "-" + ProcessHandle.current().pid());
    System.setProperty("vertx.logger-delegate-factory-class-name", "io.vertx.core.logging.SLF4JLogDelegateFactory");
    // Netty's buffer allocators define JFR events; the first buffer of the first connection then registers them with
    // the JDK's flight recorder, 0.15-0.25 s of the event loop on the way to the first snapshot (class-load log of a
    // start, docs/performance.md). Read once, when Netty starts; -Dio.netty.jfr.enabled=true brings them back.
    if (System.getProperty("io.netty.jfr.enabled") == null) {
      System.setProperty("io.netty.jfr.enabled", "false");
    }
    // Hazelcast logs a warning before it reads its configuration: through SLF4J it is a JSON line like the others.
    System.setProperty("hazelcast.logging.type", "slf4j");

    JsonObject config;
    try {
      config = ConfigLoader.load(ConfigLoader.Arguments.parse(args), System.getenv());
    } catch (ConfigException e) {
      exit(e.getMessage());
      return;
    }
    Logger log = LoggerFactory.getLogger("main");
    Vigie vigie;
    try {
      vigie = Vigie.start(config).toCompletionStage().toCompletableFuture().get();
    } catch (ExecutionException e) {
      exit(startFailure(e.getCause(), config));
      return;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    log.info("vigie_started", StructuredArguments.entries(Map.of(
        "host", config.getJsonObject("http").getString("host"),
        "port", vigie.httpPort(),
        "transport", vigie.vertx().isNativeTransportEnabled() ? "epoll" : "nio",
        "dataDir", config.getString("dataDir"))));
    Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(vigie, config, log), "vigie-shutdown"));
  }

  /**
   * SIGTERM: the areas stop in order, each finishing its writes, then Vert.x closes; bounded, so the process always
   * exits (a second, short bound covers Vert.x's own close, past the areas' {@code shutdownTimeoutMs}).
   */
  private static void stop(Vigie vigie, JsonObject config, Logger log) {
    long bound = config.getLong("shutdownTimeoutMs") + CLOSE_MARGIN_MS;
    long started = System.nanoTime();
    try {
      vigie.close().toCompletionStage().toCompletableFuture().get(bound, TimeUnit.MILLISECONDS);
      log.info("vigie_stopped", StructuredArguments.entries(Map.of("ms", (System.nanoTime() - started) / 1_000_000)));
    } catch (TimeoutException e) {
      log.warn("vigie_stop_timeout", StructuredArguments.entries(Map.of("ms", bound)));
    } catch (ExecutionException e) {
      log.warn("vigie_stop_failed", StructuredArguments.entries(Map.of("reason", String.valueOf(e.getCause()))));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static String startFailure(Throwable cause, JsonObject config) {
    for (Throwable t = cause; t != null; t = t.getCause()) {
      if (Unbindable.is(t)) {
        JsonObject http = config.getJsonObject("http");
        return "port " + http.getValue("port") + " on " + http.getString("host")
            + " is already in use or cannot be bound (" + t.getMessage() + "); choose another with --port or VIGIE_HTTP_PORT";
      }
      if (t instanceof ConfigException) {
        return t.getMessage();
      }
    }
    return "could not start: " + cause;
  }

  private static void exit(String message) {
    System.err.println("vigie: " + message);
    System.exit(EXIT_CONFIG);
  }
}
