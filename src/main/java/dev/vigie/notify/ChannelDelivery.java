package dev.vigie.notify;

import io.vertx.circuitbreaker.CircuitBreaker;
import io.vertx.circuitbreaker.CircuitBreakerOptions;
import io.vertx.circuitbreaker.CircuitBreakerState;
import io.vertx.circuitbreaker.OpenCircuitException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;
import java.util.function.Consumer;

/**
 * Delivery to one channel: a bounded queue ({@code notify.queueSize}, the newest notice dropped and logged when
 * full), one notice in flight at a time, in order, each tried up to {@code notify.maxAttempts} times with doubling
 * backoff, through a circuit breaker of the channel's own. While the breaker is open the notice at the head is held,
 * however many attempts it took, and goes out once a trial gets through: an outage of the receiver loses nothing
 * but what overflows the queue, and delivery resumes by itself. A message the receiver refuses
 * ({@link Sender.Rejected}) fails at once, and does not count against the breaker.
 */
final class ChannelDelivery {
  private final Vertx vertx;
  private final Channel channel;
  private final Sender sender;
  private final NotifySettings settings;
  private final CircuitBreaker breaker;
  private final Consumer<JsonObject> log;
  private final ArrayDeque<Pending> queue = new ArrayDeque<>();
  private boolean busy;
  private boolean closed;
  private long timer = -1;
  private long delivered;
  private long failed;
  private String lastError;

  private static final class Pending {
    final Notice notice;
    int attempts;
    boolean held;

    Pending(Notice notice) {
      this.notice = notice;
    }
  }

  /** @param log receives each delivery event (the caller redacts and stores it) */
  ChannelDelivery(Vertx vertx, Channel channel, Sender sender, NotifySettings settings, Consumer<JsonObject> log) {
    this.vertx = vertx;
    this.channel = channel;
    this.sender = sender;
    this.settings = settings;
    this.log = log;
    this.breaker = CircuitBreaker.create("notify-" + channel.id(), vertx, new CircuitBreakerOptions()
        .setMaxFailures(settings.breakerFailures()).setResetTimeout(settings.breakerResetMs()).setTimeout(-1));
    breaker.failurePolicy(done -> done.failed() && !(done.cause() instanceof Sender.Rejected));
    breaker.openHandler(v -> log.accept(entry(null, "breaker-open", 0, lastError)));
    breaker.closeHandler(v -> log.accept(entry(null, "breaker-closed", 0, null)));
  }

  Channel channel() {
    return channel;
  }

  /** Queues a notice; false (and logged) when the queue is full. */
  boolean offer(Notice notice) {
    if (closed) {
      return false;
    }
    if (queue.size() >= settings.queueSize()) {
      log.accept(entry(notice, "dropped", 0, "queue full (notify.queueSize " + settings.queueSize() + ")"));
      return false;
    }
    queue.add(new Pending(notice));
    pump();
    return true;
  }

  /** One attempt through the breaker, outside the queue and without retries: the "send a test" action. */
  Future<Void> test(Notice notice) {
    return breaker.<Void>execute(() -> sender.send(notice)).andThen(ar -> {
      if (ar.succeeded()) {
        log.accept(entry(notice, "delivered", 1, null));
      } else {
        log.accept(entry(notice, "failed", 1, reason(ar.cause())));
      }
    });
  }

  private void pump() {
    if (busy || closed || queue.isEmpty()) {
      return;
    }
    busy = true;
    attempt(queue.peek());
  }

  private void attempt(Pending p) {
    timer = -1;
    if (closed) {
      return;
    }
    breaker.<Void>execute(() -> sender.send(p.notice)).onComplete(ar -> {
      if (closed) {
        return;
      }
      if (ar.succeeded()) {
        delivered++;
        log.accept(entry(p.notice, "delivered", p.attempts + 1, null));
        next();
      } else if (ar.cause() instanceof Sender.Rejected) {
        failed++;
        lastError = reason(ar.cause());
        log.accept(entry(p.notice, "failed", p.attempts + 1, lastError + "; not retried"));
        next();
      } else if (ar.cause() instanceof OpenCircuitException || breaker.state() != CircuitBreakerState.CLOSED) {
        if (!(ar.cause() instanceof OpenCircuitException)) {
          p.attempts++;
          lastError = reason(ar.cause());
        }
        if (!p.held) {
          p.held = true;
          log.accept(entry(p.notice, "held", p.attempts, "circuit breaker open; delivery resumes when it lets a trial through"));
        }
        timer = vertx.setTimer(Math.max(100, settings.breakerResetMs() / 4), id -> attempt(p));
      } else {
        p.attempts++;
        lastError = reason(ar.cause());
        if (p.attempts >= settings.maxAttempts()) {
          failed++;
          log.accept(entry(p.notice, "failed", p.attempts, lastError + "; gave up after " + p.attempts + " attempts"));
          next();
        } else {
          long delay = settings.backoff(p.attempts);
          log.accept(entry(p.notice, "retrying", p.attempts, lastError + "; next attempt in " + delay + " ms"));
          timer = vertx.setTimer(Math.max(1, delay), id -> attempt(p));
        }
      }
    });
  }

  private void next() {
    queue.poll();
    busy = false;
    pump();
  }

  private static String reason(Throwable cause) {
    return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
  }

  private JsonObject entry(Notice notice, String event, int attempt, String error) {
    JsonObject e = new JsonObject().put("time", Instant.now().toString()).put("channel", channel.id())
        .put("type", channel.type().wire()).put("event", event);
    if (notice != null) {
      e.put("kind", notice.kind().wire()).put("alerts", new JsonArray(notice.ids()));
    }
    if (attempt > 0) {
      e.put("attempt", attempt);
    }
    if (error != null) {
      e.put("error", error);
    }
    return e;
  }

  /** The channel's state for the section and the API: breaker, queue, counts, last error (raw: redact it). */
  JsonObject state() {
    JsonObject json = new JsonObject().put("breaker", breakerState()).put("queued", queue.size())
        .put("delivered", delivered).put("failed", failed);
    if (lastError != null) {
      json.put("lastError", lastError);
    }
    return json;
  }

  String breakerState() {
    CircuitBreakerState state = breaker.state();
    return state == CircuitBreakerState.HALF_OPEN ? "half-open" : state.name().toLowerCase();
  }

  /** Stops delivering; returns the notices still queued (for a replacement of the channel to take over). */
  List<Notice> close() {
    closed = true;
    if (timer != -1) {
      vertx.cancelTimer(timer);
    }
    breaker.close();
    sender.close();
    List<Notice> left = queue.stream().map(p -> p.notice).toList();
    queue.clear();
    return left;
  }
}
