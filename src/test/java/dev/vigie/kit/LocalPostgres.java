package dev.vigie.kit;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A throwaway PostgreSQL for tests, from the Debian package (the newest {@code /usr/lib/postgresql/<version>/bin}): initdb into a temporary directory and
 * pg_ctl on a free loopback port, run as the {@code postgres} user (PostgreSQL refuses to run as root). Without the
 * binaries a test is skipped, naming the package to install, except under {@code CI=true}, where it fails.
 * {@link #stop()} and {@link #start()} take the database down and back mid-test; {@link #close()} removes it.
 * Starting one costs seconds (initdb): a test class shares one and gives each test its own database
 * ({@link #createDatabase}, milliseconds), reached with {@link #url(String)} and {@link #jdbcUrl(String)}.
 */
public final class LocalPostgres implements AutoCloseable {
  static final String BIN = newestInstalled();
  private static final String USER = "vigie";

  private final Path dir;
  private final int port;
  private boolean running;

  /** Debian installs each major version beside the others: 15 on bookworm, 17 on trixie. */
  private static String newestInstalled() {
    try (var versions = Files.list(Path.of("/usr/lib/postgresql"))) {
      return versions.map(v -> v.resolve("bin")).filter(bin -> Files.isExecutable(bin.resolve("pg_ctl")))
          .max(Comparator.comparingInt(bin -> Integer.parseInt(bin.getParent().getFileName().toString())))
          .map(Path::toString).orElse("/usr/lib/postgresql/<none>/bin");
    } catch (IOException | NumberFormatException e) {
      return "/usr/lib/postgresql/<none>/bin";
    }
  }

  private LocalPostgres(Path dir, int port) {
    this.dir = dir;
    this.port = port;
  }

  /** Creates and starts a database cluster with the database {@code vigie} owned by the user {@code vigie}. */
  public static LocalPostgres create() {
    if (!Files.isExecutable(Path.of(BIN, "pg_ctl"))) {
      String why = "no PostgreSQL at " + BIN + " (apt-get install -y postgresql)";
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        fail(why + ": the store's PostgreSQL tests must run under CI");
      }
      Assumptions.abort(why);
    }
    try {
      // Under /tmp, not the test's @TempDir: the postgres user must reach it through every parent directory.
      Path dir = Files.createTempDirectory(Path.of("/tmp"), "vigie-pg-",
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxrwxrwx")));
      Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
      LocalPostgres pg = new LocalPostgres(dir, freePort());
      pg.asPostgres(List.of(BIN + "/initdb", "-D", dir.resolve("data").toString(), "-A", "trust", "-U", USER,
          "--no-sync"));
      pg.start();
      pg.asPostgres(List.of(BIN + "/createdb", "-h", "127.0.0.1", "-p", String.valueOf(pg.port), "-U", USER, USER));
      return pg;
    } catch (IOException e) {
      throw new IllegalStateException("could not start a local PostgreSQL: " + e.getMessage(), e);
    }
  }

  /** {@code postgresql://vigie@127.0.0.1:<port>/vigie}: what {@code store.url} takes. */
  public String url() {
    return url(USER);
  }

  /** The same database for a JDBC client of the test's own. */
  public String jdbcUrl() {
    return jdbcUrl(USER);
  }

  /** {@code store.url} for the database {@code name} on this server. */
  public String url(String name) {
    return "postgresql://" + USER + "@127.0.0.1:" + port + "/" + name;
  }

  /** The database {@code name} for a JDBC client of the test's own. */
  public String jdbcUrl(String name) {
    return "jdbc:postgresql://127.0.0.1:" + port + "/" + name + "?user=" + USER;
  }

  /**
   * Creates the empty database {@code name} (lower-case letters, digits and underscores), owned by {@code vigie}, on
   * the running server: a test's own, as fresh as the one {@link #create} made, in a fraction of initdb's time.
   */
  public void createDatabase(String name) {
    if (!name.matches("[a-z_][a-z0-9_]*")) {
      throw new IllegalArgumentException("not a plain database name: " + name);
    }
    try (Connection c = DriverManager.getConnection(jdbcUrl()); Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("could not create the database " + name + ": " + e.getMessage(), e);
    }
  }

  /** Starts the server if a test left it stopped (one that failed while the database was down). */
  public void ensureRunning() {
    if (!running) {
      start();
    }
  }

  /** Starts the server (again) on the same port and data; returns once it accepts connections. */
  public void start() {
    asPostgres(List.of(BIN + "/pg_ctl", "-D", dir.resolve("data").toString(), "-o",
        "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c fsync=off", "-l", dir.resolve("log").toString(),
        "-w", "start"));
    running = true;
  }

  /** Stops the server at once ({@code -m fast}: open connections are closed). */
  public void stop() {
    asPostgres(List.of(BIN + "/pg_ctl", "-D", dir.resolve("data").toString(), "-m", "fast", "-w", "stop"));
    running = false;
  }

  @Override
  public void close() {
    try {
      if (running) {
        stop();
      }
    } finally {
      try {
        new ProcessBuilder("rm", "-rf", dir.toString()).start().waitFor(60, TimeUnit.SECONDS);
      } catch (IOException e) {
        // a leftover temporary directory is not worth failing a test for
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private void asPostgres(List<String> command) {
    List<String> full = new ArrayList<>();
    if ("root".equals(System.getProperty("user.name"))) {
      full.addAll(List.of("runuser", "-u", "postgres", "--"));
    }
    full.addAll(command);
    run(full);
  }

  private void run(List<String> command) {
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("commands.log").toFile())).start();
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException(String.join(" ", command) + " did not finish within 60 s");
      }
      if (process.exitValue() != 0) {
        String log = Files.exists(dir.resolve("commands.log")) ? Files.readString(dir.resolve("commands.log")) : "";
        throw new IllegalStateException(String.join(" ", command) + " exited " + process.exitValue() + ":\n" + log);
      }
    } catch (IOException e) {
      throw new IllegalStateException(String.join(" ", command) + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running " + command.get(0), e);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
