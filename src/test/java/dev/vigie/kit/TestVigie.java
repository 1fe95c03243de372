package dev.vigie.kit;

import static dev.vigie.kit.Wait.await;

import dev.vigie.Vigie;
import dev.vigie.demo.DemoVerticle;
import dev.vigie.demo.MirrorVerticle;
import io.vertx.core.Deployable;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Vigie started for a test, by the launcher itself ({@link Vigie#start}): the same verticles, the same
 * configuration, metrics included; every server on a free loopback port. Close it (try-with-resources or
 * {@code @AfterEach}) to close Vert.x and wait until it is down.
 */
public final class TestVigie implements AutoCloseable {
  private final Vigie vigie;
  private final JsonObject config;
  private TestHttp http;

  private TestVigie(Vigie vigie, JsonObject config) {
    this.vigie = vigie;
    this.config = config;
  }

  /** Starts Vigie (or the areas {@link TestConfig#only} names) and waits until every area is up. */
  public static TestVigie start(TestConfig config) {
    JsonObject json = config.json();
    Vigie vigie = config.areas() == null
        ? await("Vigie to start", Vigie.start(json))
        : await("Vigie's areas " + config.areas() + " to start", Vigie.start(json, config.areas()::contains));
    return new TestVigie(vigie, vigie.config());
  }

  /** For a start that must fail: the cause, once Vigie has refused to start (and closed what it had opened). */
  public static Throwable failedStart(TestConfig config) {
    JsonObject json = config.json();
    return Wait.failure("Vigie to refuse to start", config.areas() == null
        ? Vigie.start(json) : Vigie.start(json, config.areas()::contains));
  }

  public Vertx vertx() {
    return vigie.vertx();
  }

  /** The configuration every area was given (the demo's addresses filled in). */
  public JsonObject config() {
    return config.copy();
  }

  /** This node's id in the cluster ({@link TestConfig#cluster}), or null when it runs alone. */
  public String nodeId() {
    return vigie.nodeId();
  }

  /** The cluster's member ids as this node's cluster manager lists them now; empty when it runs alone. */
  public List<String> clusterNodes() {
    return vigie.clusterNodes();
  }

  /** The web server's port. */
  public int httpPort() {
    int port = vigie.httpPort();
    if (port < 0) {
      throw new IllegalStateException("the web area was not started (TestConfig.only without \"web\")");
    }
    return port;
  }

  /** {@code http://127.0.0.1:<port>}, without a trailing slash. */
  public String baseUrl() {
    return "http://127.0.0.1:" + httpPort();
  }

  /** The demo's archive mirror ({@link TestConfig#mirror}): its faults, the requests it saw, its archives. */
  public MirrorVerticle mirror() {
    DemoVerticle demo = vigie.demo();
    if (demo == null || demo.mirror() == null) {
      throw new IllegalStateException("no mirror was started (TestConfig.mirror or TestConfig.demo)");
    }
    return demo.mirror();
  }

  /** The mirror's base URL, {@code http://127.0.0.1:<free port>}. */
  public String mirrorUrl() {
    return demoAddress(DemoVerticle.MIRROR);
  }

  /** The sample backend's base URL ({@link TestConfig#backend}). */
  public String backendUrl() {
    return demoAddress(DemoVerticle.BACKEND);
  }

  private String demoAddress(String placeholder) {
    DemoVerticle demo = vigie.demo();
    String url = demo == null ? null : demo.addresses().get(placeholder);
    if (url == null) {
      throw new IllegalStateException("the demo did not start " + placeholder);
    }
    return url;
  }

  /** A client of the web server's REST API. */
  public TestHttp http() {
    if (http == null) {
      http = new TestHttp(vertx(), httpPort());
    }
    return http;
  }

  /** The value of one series on {@code /metrics} (Prometheus text), its first sample whatever its labels. */
  public double meter(String series) {
    String metrics = http().get("/metrics").bodyAsString();
    Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + "(?:\\{[^}]*})? ([0-9.eE+-]+)$").matcher(metrics);
    if (!m.find()) {
      throw new AssertionError("no " + series + " on /metrics");
    }
    return Double.parseDouble(m.group(1));
  }

  /** A websocket client of {@code /ws}, connected. */
  public LiveSocket live() {
    return LiveSocket.connect(vertx(), httpPort(), "/ws");
  }

  /** Deploys another verticle (a stand-in, a second server) with the configuration the areas got. */
  public String deploy(Deployable verticle) {
    return await("deploying " + verticle.getClass().getSimpleName(),
        vertx().deployVerticle(verticle, new DeploymentOptions().setConfig(config)));
  }

  /** Asks {@code address} on the event bus and returns the reply's body. */
  public JsonObject ask(String address, Object body) {
    return await("a reply from " + address, vertx().eventBus().<JsonObject>request(address, body)).body();
  }

  /** Asks {@code address} a request that must be refused, and returns the refusal (its code, its message). */
  public ReplyException refusal(String address, Object body) {
    Throwable cause = Wait.failure("a refusal from " + address, vertx().eventBus().request(address, body));
    if (cause instanceof ReplyException refused) {
      return refused;
    }
    throw new AssertionError(address + " failed without a reply: " + cause, cause);
  }

  /**
   * Starts recording what is sent or published to {@code addresses} (registered before it returns): a test listens
   * first, then acts, then awaits what it expects with {@link Heard#await}.
   */
  public Heard listen(String... addresses) {
    Heard heard = new Heard();
    for (String address : addresses) {
      await("listening on " + address,
          vertx().eventBus().<JsonObject>consumer(address, message -> heard.add(message.body())).completion());
    }
    return heard;
  }

  @Override
  public void close() {
    await("Vigie to close", vigie.close());
  }
}
