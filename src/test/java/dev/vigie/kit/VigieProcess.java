package dev.vigie.kit;

import dev.vigie.VigieMain;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Vigie in a JVM of its own, started by {@link VigieMain} as an operator would, for tests that kill or stop the
 * process, on the test class path or from the fat jar. Ready once it logs {@code vigie_started}; {@link #kill()} is
 * SIGKILL, {@link #close()} SIGTERM.
 */
public final class VigieProcess implements AutoCloseable {
  private final Process process;
  private final int port;
  private final List<String> output;
  private final Thread reader;

  private VigieProcess(Process process, int port, List<String> output, Thread reader) {
    this.process = process;
    this.port = port;
    this.output = output;
    this.reader = reader;
  }

  /** Starts {@code java VigieMain -conf <config>} on the test class path and waits until it serves. */
  public static VigieProcess start(TestConfig config) {
    return start(List.of("-cp", System.getProperty("java.class.path"), VigieMain.class.getName()), config);
  }

  /** Starts {@code java -jar <jar> -conf <config>}, the fat jar as an operator runs it, and waits until it serves. */
  public static VigieProcess startJar(Path jar, TestConfig config) {
    return start(List.of("-jar", jar.toAbsolutePath().toString()), config);
  }

  private static VigieProcess start(List<String> launch, TestConfig config) {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx256m", "-XX:TieredStopAtLevel=1"));
    command.addAll(launch);
    command.addAll(List.of("-conf", config.json().encode()));
    Process process;
    try {
      process = new ProcessBuilder(command).redirectErrorStream(true).start();
    } catch (IOException e) {
      throw new AssertionError("cannot start a child JVM: " + e, e);
    }
    List<String> output = Collections.synchronizedList(new ArrayList<>());
    CompletableFuture<Integer> port = new CompletableFuture<>();
    Thread reader = new Thread(() -> {
      try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line = out.readLine(); line != null; line = out.readLine()) {
          output.add(line);
          if (line.contains("\"vigie_started\"")) {
            port.complete(new JsonObject(line).getJsonObject("context").getInteger("port"));
          }
        }
      } catch (Exception e) {
        port.completeExceptionally(e);
      }
      port.completeExceptionally(new AssertionError("Vigie exited before it was ready"));
    }, "vigie-process-output");
    reader.setDaemon(true);
    reader.start();
    try {
      return new VigieProcess(process, port.get(Wait.DEFAULT.toSeconds(), TimeUnit.SECONDS), output, reader);
    } catch (ExecutionException | TimeoutException e) {
      process.destroyForcibly();
      throw new AssertionError("the child Vigie did not log vigie_started in " + Wait.DEFAULT.toSeconds()
          + " s: " + (e instanceof ExecutionException ? e.getCause() : "timeout") + "; its output: " + output, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
      throw new AssertionError("interrupted while the child Vigie started", e);
    }
  }

  public int httpPort() {
    return port;
  }

  /** Every line the process wrote so far (all of them once {@link #kill} or {@link #close} has returned). */
  public List<String> output() {
    return List.copyOf(output);
  }

  /** SIGKILL: no shutdown hook runs; returns once the process is gone. */
  public void kill() {
    process.toHandle().destroyForcibly();
    end();
  }

  /**
   * SIGTERM: the shutdown hook closes Vert.x; returns once the process is gone, its output read to the end. (Sent
   * through the process handle: {@link Process#destroy} also closes our end of its output, and the lines it logs
   * while it stops would be lost.)
   */
  @Override
  public void close() {
    process.toHandle().destroy();
    end();
  }

  private void end() {
    try {
      if (!process.waitFor(Wait.DEFAULT.toSeconds(), TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        throw new AssertionError("the child Vigie did not exit within " + Wait.DEFAULT.toSeconds() + " s");
      }
      // Its last lines may still be in the pipe when it has exited: output() holds them once the reader is done.
      reader.join(TimeUnit.SECONDS.toMillis(5));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while the child Vigie exited", e);
    }
  }
}
