package dev.vigie.kit;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A throwaway Prometheus Alertmanager for tests, from the Debian package ({@value #BIN}): a minimal configuration
 * (one receiver that sends nowhere) and its storage in a temporary directory, the web API on a free loopback port,
 * clustering off. Without the binary a test is skipped, naming the package to install, except under
 * {@code CI=true}, where it fails. {@link #close()} stops it and removes the directory.
 */
public final class LocalAlertmanager implements AutoCloseable {
  static final String BIN = "/usr/bin/prometheus-alertmanager";
  private static final String CONFIG = """
      route:
        receiver: nowhere
        group_wait: 1s
      receivers:
        - name: nowhere
      """;

  private final Path dir;
  private final int port;
  private final Process process;

  private LocalAlertmanager(Path dir, int port, Process process) {
    this.dir = dir;
    this.port = port;
    this.process = process;
  }

  /** Starts Alertmanager and returns once its API answers. */
  public static LocalAlertmanager start() {
    if (!Files.isExecutable(Path.of(BIN))) {
      String why = "no Alertmanager at " + BIN + " (apt-get install -y prometheus-alertmanager)";
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        fail(why + ": the notify area's Alertmanager tests must run under CI");
      }
      Assumptions.abort(why);
    }
    try {
      Path dir = Files.createTempDirectory("vigie-alertmanager-");
      Files.writeString(dir.resolve("alertmanager.yml"), CONFIG);
      int port = freePort();
      Process process = new ProcessBuilder(List.of(BIN, "--config.file=" + dir.resolve("alertmanager.yml"),
          "--storage.path=" + dir.resolve("data"), "--web.listen-address=127.0.0.1:" + port,
          "--cluster.listen-address="))
          .redirectErrorStream(true).redirectOutput(dir.resolve("alertmanager.log").toFile()).start();
      LocalAlertmanager am = new LocalAlertmanager(dir, port, process);
      try {
        Wait.eventually("Alertmanager on port " + port + " to answer", Duration.ofSeconds(30), am::ready);
      } catch (AssertionError e) {
        am.close();
        throw e;
      }
      return am;
    } catch (IOException e) {
      throw new IllegalStateException("could not start a local Alertmanager: " + e.getMessage(), e);
    }
  }

  /** {@code http://127.0.0.1:<port>}: what a notify channel of type {@code alertmanager} takes as its url. */
  public String url() {
    return "http://127.0.0.1:" + port;
  }

  /** {@code GET /api/v2/alerts}: the alerts Alertmanager holds, as its JSON text. */
  public String alerts() {
    return get("/api/v2/alerts");
  }

  private boolean ready() {
    if (!process.isAlive()) {
      throw new IllegalStateException("Alertmanager exited " + process.exitValue() + ": " + log());
    }
    try {
      get("/-/ready");
      return true;
    } catch (IllegalStateException e) {
      return false;
    }
  }

  private String get(String path) {
    try {
      HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url() + path))
          .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new IllegalStateException("GET " + path + " answered " + response.statusCode());
      }
      return response.body();
    } catch (IOException e) {
      throw new IllegalStateException("GET " + path + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private String log() {
    try {
      return Files.readString(dir.resolve("alertmanager.log"));
    } catch (IOException e) {
      return "(no log)";
    }
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
      new ProcessBuilder("rm", "-rf", dir.toString()).start().waitFor(60, TimeUnit.SECONDS);
    } catch (IOException e) {
      // a leftover temporary directory is not worth failing a test for
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
