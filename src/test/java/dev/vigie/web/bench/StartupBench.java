package dev.vigie.web.bench;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * Time from {@code java -jar vigie.jar} to the first snapshot frame received on {@code /ws}, over N launches.
 * Usage: {@code StartupBench JAR [runs=10] [JVM options for Vigie...]} (e.g. {@code -XX:SharedArchiveFile=vigie.jsa}:
 * bench/startup/run.sh measures with and without class-data sharing). Each launch is stopped with SIGTERM, so a
 * launch given {@code -XX:ArchiveClassesAtExit} writes its archive.
 */
public final class StartupBench {
  public static void main(String[] args) throws Exception {
    Path jar = Path.of(args[0]).toAbsolutePath();
    int runs = args.length > 1 ? Integer.parseInt(args[1]) : 10;
    List<String> jvmOptions = args.length > 2 ? List.of(args).subList(2, args.length) : List.of();
    HttpClient http = HttpClient.newHttpClient();
    List<Double> times = new ArrayList<>();
    for (int r = 0; r < runs; r++) {
      int port;
      try (ServerSocket free = new ServerSocket(0)) {
        port = free.getLocalPort();
      }
      Path dir = Files.createTempDirectory("vigie-startup");
      long start = System.nanoTime();
      List<String> command = new ArrayList<>(List.of("java"));
      command.addAll(jvmOptions);
      command.addAll(List.of("-jar", jar.toString(), "--port", String.valueOf(port)));
      Process process = new ProcessBuilder(command)
          .directory(dir.toFile()).redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .redirectError(ProcessBuilder.Redirect.DISCARD).start();
      try {
        double ms = -1;
        while (System.nanoTime() - start < TimeUnit.SECONDS.toNanos(30)) {
          CompletableFuture<Void> snapshot = new CompletableFuture<>();
          try {
            http.newWebSocketBuilder().buildAsync(URI.create("ws://127.0.0.1:" + port + "/ws"), new WebSocket.Listener() {
              @Override
              public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                if (data.toString().contains("\"snapshot\"")) {
                  snapshot.complete(null);
                }
                ws.request(1);
                return null;
              }
            }).get(5, TimeUnit.SECONDS);
            snapshot.get(5, TimeUnit.SECONDS);
            ms = (System.nanoTime() - start) / 1e6;
            break;
          } catch (Exception notYet) {
            Thread.sleep(10);
          }
        }
        times.add(ms);
        System.out.printf("run %d: %.0f ms%n", r + 1, ms);
      } finally {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
          process.destroyForcibly();
        }
        deleteTree(dir);
      }
    }
    Collections.sort(times);
    if (times.contains(-1.0)) {
      System.out.println("some launches sent no snapshot within 30 s (shown as -1 ms)");
    }
    System.out.printf("java -jar to first /ws snapshot over %d runs: min=%.0f ms median=%.0f ms max=%.0f ms%n",
        runs, times.get(0), times.get(times.size() / 2), times.get(times.size() - 1));
  }

  private static void deleteTree(Path dir) throws java.io.IOException {
    try (var paths = Files.walk(dir)) {
      paths.sorted(Collections.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
