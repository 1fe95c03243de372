package dev.vigie;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the fat jar as an operator would: bad configurations exit with status 2, a good one logs JSON and serves. */
class LauncherIT {
  @TempDir
  Path dir;

  private static Path jar() {
    Path jar = Path.of(System.getProperty("vigie.jar", "target/vigie.jar"));
    assertTrue(Files.isRegularFile(jar), "the fat jar is built before integration tests: " + jar);
    return jar;
  }

  private Process launch(String... args) throws Exception {
    return launch(dir.resolve("data"), args);
  }

  private Process launch(Path dataDir, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("java", "-jar", jar().toAbsolutePath().toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
    builder.environment().put("VIGIE_DATA_DIR", dataDir.toString());
    return builder.start();
  }

  /** Reads the process's JSON log until {@code vigie_started} and returns that event. */
  private static JsonObject started(Process process) throws Exception {
    BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    for (String line; (line = out.readLine()) != null; ) {
      JsonObject event = new JsonObject(line);
      if ("vigie_started".equals(event.getString("message"))) {
        return event;
      }
    }
    throw new AssertionError("the process ended without logging vigie_started");
  }

  private record Exit(int status, String stderr, String stdout) {
  }

  private Exit run(String... args) throws Exception {
    Process process = launch(args);
    assertTrue(process.waitFor(30, TimeUnit.SECONDS), "exits promptly");
    return new Exit(process.exitValue(), new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8),
        new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
  }

  private static void assertOneLine(Exit exit, String... fragments) {
    assertEquals(2, exit.status(), exit.stderr());
    List<String> lines = exit.stderr().lines().toList();
    assertEquals(1, lines.size(), "one line, no stack trace: " + exit.stderr());
    for (String fragment : fragments) {
      assertTrue(lines.get(0).contains(fragment), lines.get(0) + " names " + fragment);
    }
  }

  @Test
  void unknownKeyExitsWithStatus2NamingFileAndKey() throws Exception {
    Path conf = dir.resolve("bad.json");
    Files.writeString(conf, "{\"http\": {\"bind\": \"0.0.0.0\"}}");
    assertOneLine(run("-conf", conf.toString()), "bad.json", "unknown key 'http.bind'");
  }

  @Test
  void invalidJsonAndWrongTypeExitWithStatus2() throws Exception {
    Path conf = dir.resolve("broken.json");
    Files.writeString(conf, "{\"http\": [");
    assertOneLine(run("-conf", conf.toString()), "broken.json", "invalid JSON");
    Files.writeString(conf, "{\"dataDir\": 3}");
    assertOneLine(run("-conf", conf.toString()), "'dataDir' must be a string");
  }

  @Test
  void portInUseExitsWithStatus2NamingThePort() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 50, java.net.InetAddress.getByName("127.0.0.1"))) {
      assertOneLine(run("--port", String.valueOf(taken.getLocalPort())), "port " + taken.getLocalPort(), "already in use");
    }
  }

  @Test
  void startsLogsJsonAndServesTheSnapshot() throws Exception {
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    Process process = launch("--port", String.valueOf(port));
    try {
      BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
      JsonObject started = null;
      for (String line; (line = out.readLine()) != null; ) {
        JsonObject event = new JsonObject(line);
        for (String field : List.of("timestamp", "level", "message", "component", "context", "run_id")) {
          assertTrue(event.containsKey(field), field + " in " + line);
        }
        assertTrue(event.getString("timestamp").endsWith("Z"));
        assertTrue(List.of("info", "warning", "error", "debug").contains(event.getString("level")), line);
        if ("vigie_started".equals(event.getString("message"))) {
          started = event;
          break;
        }
      }
      assertTrue(started != null, "a vigie_started event");
      assertEquals(port, started.getJsonObject("context").getInteger("port"));
      assertTrue(started.getString("run_id").startsWith("vigie-"));
      // The fat jar carries Netty's epoll library for Linux x86-64 (where Vigie and CI run), and Vigie uses it.
      boolean epollHere = "Linux".equals(System.getProperty("os.name")) && "amd64".equals(System.getProperty("os.arch"));
      assertEquals(epollHere ? "epoll" : "nio", started.getJsonObject("context").getString("transport"), started.encode());

      HttpClient client = HttpClient.newHttpClient();
      HttpResponse<String> snapshot = client.send(java.net.http.HttpRequest.newBuilder(
          URI.create("http://127.0.0.1:" + port + "/api/snapshot")).build(), HttpResponse.BodyHandlers.ofString());
      assertEquals(200, snapshot.statusCode());
      assertFalse(new JsonObject(snapshot.body()).getJsonArray("sections").isEmpty());
      HttpResponse<String> page = client.send(java.net.http.HttpRequest.newBuilder(
          URI.create("http://127.0.0.1:" + port + "/")).build(), HttpResponse.BodyHandlers.ofString());
      assertEquals(200, page.statusCode());
      assertTrue(page.body().contains("<html"), "the page is served from inside the jar");

      CompletableFuture<String> first = new CompletableFuture<>();
      client.newWebSocketBuilder().buildAsync(URI.create("ws://127.0.0.1:" + port + "/ws"), new WebSocket.Listener() {
        private final StringBuilder text = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
          text.append(data);
          if (last) {
            first.complete(text.toString());
          }
          ws.request(1);
          return null;
        }
      }).get(10, TimeUnit.SECONDS);
      assertEquals("snapshot", new JsonObject(first.get(10, TimeUnit.SECONDS)).getString("type"));
    } finally {
      process.destroy();
      process.waitFor(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void twoDemosRunAtOnceOnFreePorts() throws Exception {
    Process one = launch(dir.resolve("one"), "--demo", "--port", "0");
    Process two = launch(dir.resolve("two"), "--demo", "--port", "0");
    try {
      HttpClient client = HttpClient.newHttpClient();
      for (Process process : List.of(one, two)) {
        int port = started(process).getJsonObject("context").getInteger("port");
        HttpResponse<String> health = client.send(java.net.http.HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + port + "/health")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, health.statusCode(), health.body());
        assertTrue(health.body().contains("\"demo\""), "the demo area is up: " + health.body());
      }
    } finally {
      for (Process process : List.of(one, two)) {
        process.destroy();
        process.waitFor(10, TimeUnit.SECONDS);
      }
    }
  }
}
