package dev.vigie.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
  @TempDir
  Path dir;

  private JsonObject load(Map<String, String> env, String... args) {
    return ConfigLoader.load(ConfigLoader.Arguments.parse(args), env);
  }

  private String failure(Map<String, String> env, String... args) {
    return assertThrows(ConfigException.class, () -> load(env, args)).getMessage();
  }

  private String file(String text) throws Exception {
    Path path = dir.resolve("vigie.json");
    Files.writeString(path, text);
    return path.toString();
  }

  @Test
  void fileOverridesDefaultsAndEnvironmentThenFlagsOverrideTheFile() throws Exception {
    String conf = file("{\"http\": {\"port\": 9000}, \"dataDir\": \"/tmp/x\"}");
    JsonObject fromFile = load(Map.of(), "-conf", conf);
    assertEquals(9000, fromFile.getJsonObject("http").getInteger("port"));
    assertEquals("127.0.0.1", fromFile.getJsonObject("http").getString("host"), "defaults fill what the file omits");
    JsonObject fromEnv = load(Map.of("VIGIE_HTTP_PORT", "9100", "VIGIE_DATA_DIR", "/srv/vigie"), "-conf", conf);
    assertEquals(9100, fromEnv.getJsonObject("http").getInteger("port"));
    assertEquals("/srv/vigie", fromEnv.getString("dataDir"));
    JsonObject fromFlag = load(Map.of("VIGIE_HTTP_PORT", "9100"), "-conf", conf, "--port", "9200");
    assertEquals(9200, fromFlag.getJsonObject("http").getInteger("port"));
  }

  @Test
  void inlineJsonIsAccepted() {
    assertEquals(7000, load(Map.of(), "-conf", "{\"http\":{\"port\":7000}}").getJsonObject("http").getInteger("port"));
  }

  @Test
  void unknownKeyIsNamedWithTheFile() throws Exception {
    String conf = file("{\"http\": {\"prot\": 9000}}");
    String message = failure(Map.of(), "-conf", conf);
    assertTrue(message.contains(conf) && message.contains("unknown key 'http.prot'"), message);
  }

  @Test
  void wrongTypeIsNamed() throws Exception {
    String conf = file("{\"http\": {\"port\": \"eighty\"}}");
    String message = failure(Map.of(), "-conf", conf);
    assertTrue(message.contains("'http.port' must be a whole number, not a string"), message);
    assertTrue(failure(Map.of(), "-conf", file("{\"monitor\": {\"pushIntervalMs\": 1.5}}")).contains("monitor.pushIntervalMs"));
  }

  @Test
  void invalidJsonAndMissingFileAreNamed() throws Exception {
    String conf = file("{\"http\": ");
    assertTrue(failure(Map.of(), "-conf", conf).contains(conf + ": invalid JSON"));
    assertTrue(failure(Map.of(), "-conf", dir.resolve("absent.json").toString()).contains("absent.json: no such file"));
  }

  @Test
  void unreadableFileIsNamed() throws Exception {
    String conf = file("{}");
    Path path = Path.of(conf);
    // Root reads anything, so make the path unreadable by making it a directory.
    Files.delete(path);
    Files.createDirectory(path);
    assertTrue(failure(Map.of(), "-conf", conf).contains(conf + ": cannot be read"));
  }

  @Test
  void badEnvironmentAndFlagsAreNamed() {
    assertTrue(failure(Map.of("VIGIE_HTTP_PORT", "http")).contains("VIGIE_HTTP_PORT"));
    assertTrue(failure(Map.of(), "--port", "x").contains("--port"));
    assertTrue(failure(Map.of(), "--port", "70000").contains("'http.port' must be between 0 and 65535"));
    assertTrue(failure(Map.of(), "--verbose").contains("unknown argument '--verbose'"));
  }

  @Test
  void nonLoopbackHostNeedsAToken() {
    String message = failure(Map.of("VIGIE_HTTP_HOST", "0.0.0.0"));
    assertTrue(message.contains("VIGIE_TOKEN"), message);
    JsonObject config = load(Map.of("VIGIE_HTTP_HOST", "0.0.0.0", "VIGIE_TOKEN", "t0ken"));
    assertEquals("t0ken", config.getJsonObject("http").getString("token"));
  }

  @Test
  void tokenCannotSitInTheFile() throws Exception {
    assertTrue(failure(Map.of(), "-conf", file("{\"http\": {\"token\": \"x\"}}")).contains("unknown key 'http.token'"));
  }
}
