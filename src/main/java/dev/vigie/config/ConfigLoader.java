package dev.vigie.config;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Reads Vigie's configuration, in this order: the built-in defaults ({@code vigie-defaults.json}, which is also
 * the schema), the configuration file, environment variables, then command-line flags. Every problem becomes one
 * {@link ConfigException} line naming the file, key, variable or flag.
 */
public final class ConfigLoader {

  /** Environment variables and the key each one sets. */
  public static final Map<String, String> ENVIRONMENT = Map.of(
      "VIGIE_HTTP_HOST", "http.host",
      "VIGIE_HTTP_PORT", "http.port",
      "VIGIE_DATA_DIR", "dataDir",
      "VIGIE_SOURCE_BASE_URL", "source.baseUrl",
      "VIGIE_PUSH_INTERVAL_MS", "monitor.pushIntervalMs");

  /** The bearer token; read from the environment only so it never sits in a config file. */
  public static final String TOKEN_VARIABLE = "VIGIE_TOKEN";

  private ConfigLoader() {
  }

  /** The parsed command line: {@code -conf FILE|JSON}, {@code --demo}, {@code --port N}, {@code --cluster}. */
  public record Arguments(String conf, boolean demo, Integer port, boolean cluster) {

    public static Arguments parse(String... args) {
      String conf = null;
      boolean demo = false;
      boolean cluster = false;
      Integer port = null;
      for (int i = 0; i < args.length; i++) {
        String arg = args[i];
        switch (arg) {
          case "-conf", "--conf" -> conf = valueOf(args, ++i, arg);
          case "--demo" -> demo = true;
          case "--cluster" -> cluster = true;
          case "--port" -> {
            String value = valueOf(args, ++i, arg);
            try {
              port = Integer.parseInt(value);
            } catch (NumberFormatException e) {
              throw new ConfigException("--port: '" + value + "' is not a port number");
            }
          }
          default -> {
            if (arg.startsWith("--port=")) {
              port = parse("--port", arg.substring(7));
            } else if (arg.startsWith("-conf=") || arg.startsWith("--conf=")) {
              conf = arg.substring(arg.indexOf('=') + 1);
            } else {
              throw new ConfigException("unknown argument '" + arg + "' (use -conf FILE, --demo, --port N, --cluster)");
            }
          }
        }
      }
      return new Arguments(conf, demo, port, cluster);
    }

    private static int parse(String flag, String value) {
      try {
        return Integer.parseInt(value);
      } catch (NumberFormatException e) {
        throw new ConfigException(flag + ": '" + value + "' is not a port number");
      }
    }

    private static String valueOf(String[] args, int i, String flag) {
      if (i >= args.length) {
        throw new ConfigException(flag + " needs a value");
      }
      return args[i];
    }
  }

  /** Loads the configuration for these arguments and this environment. */
  public static JsonObject load(Arguments arguments, Map<String, String> environment) {
    JsonObject defaults = defaults();
    JsonObject config = defaults.copy();

    Source source = source(arguments);
    if (source != null) {
      ConfigSchema.validate(defaults, source.json(), source.origin());
      config.mergeIn(source.json(), true);
    }

    for (Map.Entry<String, String> e : ENVIRONMENT.entrySet()) {
      String value = environment.get(e.getKey());
      if (value != null && !value.isEmpty()) {
        set(config, e.getValue(), value, e.getKey());
      }
    }
    if (arguments.cluster()) {
      config.getJsonObject("cluster").put("enabled", true);
    }
    if (arguments.port() != null) {
      config.getJsonObject("http").put("port", arguments.port());
    }
    String token = environment.get(TOKEN_VARIABLE);
    if (token != null && !token.isEmpty()) {
      config.getJsonObject("http").put("token", token);
    }
    checkSemantics(config, source == null ? "defaults" : source.origin());
    return config;
  }

  /** The built-in defaults. */
  public static JsonObject defaults() {
    try (InputStream in = ConfigLoader.class.getResourceAsStream("/vigie-defaults.json")) {
      if (in == null) {
        throw new IllegalStateException("vigie-defaults.json is missing from the classpath");
      }
      return new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private record Source(String origin, JsonObject json) {
  }

  private static Source source(Arguments arguments) {
    if (arguments.conf() != null) {
      String conf = arguments.conf().trim();
      if (conf.startsWith("{")) {
        return new Source("-conf (inline JSON)", parse("-conf (inline JSON)", conf));
      }
      return fromFile(Path.of(conf), true);
    }
    String name = arguments.demo() ? "conf/demo.json" : "conf/vigie.json";
    Source file = fromFile(Path.of(name), false);
    if (file != null) {
      return file;
    }
    // Run from another directory: the jar carries the same files.
    try (InputStream in = ConfigLoader.class.getResourceAsStream("/" + name)) {
      if (in == null) {
        return null;
      }
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      return new Source(name + " (built in)", parse(name, text));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Source fromFile(Path path, boolean required) {
    if (!Files.exists(path)) {
      if (required) {
        throw new ConfigException(path + ": no such file");
      }
      return null;
    }
    try {
      return new Source(path.toString(), parse(path.toString(), Files.readString(path, StandardCharsets.UTF_8)));
    } catch (IOException e) {
      throw new ConfigException(path + ": cannot be read (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")");
    }
  }

  private static JsonObject parse(String origin, String text) {
    try {
      return new JsonObject(text);
    } catch (DecodeException | ClassCastException e) {
      String detail = e.getMessage() == null ? "" : e.getMessage().lines().findFirst().orElse("");
      throw new ConfigException(origin + ": invalid JSON (" + detail + ")");
    }
  }

  private static void set(JsonObject config, String dottedKey, String raw, String variable) {
    List<String> parts = List.of(dottedKey.split("\\."));
    JsonObject parent = config;
    for (String part : parts.subList(0, parts.size() - 1)) {
      parent = parent.getJsonObject(part);
    }
    String key = parts.get(parts.size() - 1);
    Object current = parent.getValue(key);
    if (current instanceof Number) {
      try {
        parent.put(key, Long.parseLong(raw.trim()));
      } catch (NumberFormatException e) {
        throw new ConfigException(variable + ": '" + raw + "' is not a whole number (it sets " + dottedKey + ")");
      }
    } else {
      parent.put(key, raw);
    }
  }

  private static void checkSemantics(JsonObject config, String origin) {
    JsonObject http = config.getJsonObject("http");
    long port = http.getLong("port");
    if (port < 0 || port > 65535) {
      throw new ConfigException(origin + ": 'http.port' must be between 0 and 65535, not " + port);
    }
    String host = http.getString("host");
    if (!isLoopback(host) && http.getString("token", "").isEmpty()) {
      throw new ConfigException("http.host is " + host + ", which is not loopback: set " + TOKEN_VARIABLE
          + " so that only holders of the token can change anything");
    }
  }

  /** True for names and addresses that only this machine can reach. */
  public static boolean isLoopback(String host) {
    return host.equals("localhost") || host.startsWith("127.") || host.equals("::1") || host.equals("[::1]");
  }
}
