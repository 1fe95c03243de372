package dev.vigie.stress.bench;

import dev.vigie.bus.StressBus;
import dev.vigie.stress.PassCriteria;
import dev.vigie.stress.StressPlan;
import dev.vigie.stress.StressRunVerticle;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.util.concurrent.TimeUnit;

/**
 * Drives one stress run (closed, or open when RATE is given) on a Vert.x with a single event loop (one per thread
 * when THREADS is given) and no metrics, after a warm-up run of the same plan, to tell the generator's own cost from
 * the application around it. Usage: SingleLoopBench URL CONNECTIONS SECONDS [RATE|0 [THREADS]]; on Netty's epoll
 * transport as Vigie (when it loads), on NIO with {@code -DnativeTransport=false}.
 * Prints "warmup {result}" then "measured {result}".
 */
public final class SingleLoopBench {
  private SingleLoopBench() {
  }

  public static void main(String[] args) throws Exception {
    URI target = URI.create(args[0]);
    int connections = Integer.parseInt(args[1]);
    long durationMs = Long.parseLong(args[2]) * 1000;
    double rate = args.length > 3 ? Double.parseDouble(args[3]) : 0;
    int threads = args.length > 4 ? Integer.parseInt(args[4]) : 1;
    boolean nativeTransport = !"false".equals(System.getProperty("nativeTransport"));
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(threads).setPreferNativeTransport(nativeTransport));
    PassCriteria pass = new PassCriteria(100, 100, 0);
    for (String round : new String[] {"warmup", "measured"}) {
      StressPlan plan = rate > 0
          ? new StressPlan(StressPlan.Kind.OPEN, target, (long) (rate * durationMs / 1000), 0, connections, durationMs, rate, 10_000, pass, threads)
          : new StressPlan(StressPlan.Kind.CLOSED, target, 0, 0, connections, durationMs, 0, 10_000, pass, threads);
      Promise<JsonObject> done = Promise.promise();
      vertx.eventBus().<JsonObject>consumer(StressBus.DONE, m -> done.tryComplete(m.body()));
      vertx.deployVerticle(new StressRunVerticle(round, plan, durationMs, 50)).toCompletionStage().toCompletableFuture().get();
      JsonObject r = done.future().toCompletionStage().toCompletableFuture().get(durationMs + 30_000, TimeUnit.MILLISECONDS);
      r.remove("hgrm");
      System.out.println(round + " " + r.put("transport", vertx.isNativeTransportEnabled() ? "epoll" : "nio").encode());
    }
    vertx.close();
  }
}
