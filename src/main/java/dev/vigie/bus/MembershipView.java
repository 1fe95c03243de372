package dev.vigie.bus;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * An area's view of the cluster: this node's id and the current members, from {@link ClusterBus#MEMBERSHIP}. The
 * cluster area may start before or after the area that follows it, so the first view is also asked of
 * {@link ClusterBus#MEMBERS}, again every {@value #ASK_RETRY_MS} ms until one comes (the cluster area not up yet).
 * Used on the area's event loop only; without {@code --cluster} an area does not create one.
 */
public final class MembershipView {
  private static final long ASK_RETRY_MS = 250;

  /**
   * A change of members: who is in now, who left since the previous view (empty the first time), and whether this
   * side has the cluster's quorum ({@link ClusterBus#MEMBERSHIP}).
   */
  public record Change(String self, Set<String> members, Set<String> departed, boolean quorate) {
  }

  private final Vertx vertx;
  private final Consumer<Change> onChange;
  private final MessageConsumer<JsonObject> consumer;
  private String self;
  private Set<String> members = Set.of();
  private boolean quorate = true;
  private long retryTimer = -1;
  private boolean closed;
  private final Promise<Void> first = Promise.promise();

  private MembershipView(Vertx vertx, Consumer<Change> onChange) {
    this.vertx = vertx;
    this.onChange = onChange;
    this.consumer = vertx.eventBus().<JsonObject>localConsumer(ClusterBus.MEMBERSHIP,
        msg -> apply(msg.body().getString("nodeId"), ids(msg.body().getJsonArray("members")),
            msg.body().getBoolean("quorate", true)));
  }

  /** Follows the membership; {@code onChange} runs on the caller's context with each new view, the first included. */
  public static MembershipView follow(Vertx vertx, Consumer<Change> onChange) {
    MembershipView view = new MembershipView(vertx, onChange);
    view.consumer.completion().onComplete(registered -> view.ask());
    return view;
  }

  /** This node's id, or null until the first view. */
  public String self() {
    return self;
  }

  /** The members (this node included) in the latest view; empty until the first. */
  public Set<String> members() {
    return members;
  }

  /** Whether this side of the cluster has its quorum; true until the first view, and always without one. */
  public boolean quorate() {
    return quorate;
  }

  public boolean known() {
    return self != null;
  }

  /**
   * Completes with the first view: an area asked something just as its node starts (a restarted member resuming its
   * downloads) waits for it rather than answer as if the node were alone.
   */
  public Future<Void> whenKnown() {
    return first.future();
  }

  public void close() {
    closed = true;
    if (retryTimer >= 0) {
      vertx.cancelTimer(retryTimer);
    }
    consumer.unregister();
  }

  private void ask() {
    retryTimer = -1;
    if (closed || known()) {
      return;
    }
    vertx.eventBus().<JsonObject>request(ClusterBus.MEMBERS, new JsonObject()).onComplete(reply -> {
      if (reply.succeeded()) {
        List<String> ids = reply.result().body().getJsonArray("members").stream()
            .map(m -> ((JsonObject) m).getString("id")).toList();
        // A MEMBERSHIP heard in between is newer than this answer: it wins.
        if (!known()) {
          apply(reply.result().body().getString("nodeId"), new LinkedHashSet<>(ids),
              reply.result().body().getBoolean("quorate", true));
        }
      } else if (!closed && !known()) {
        retryTimer = vertx.setTimer(ASK_RETRY_MS, id -> ask());
      }
    });
  }

  private void apply(String nodeId, Set<String> now, boolean quorateNow) {
    if (closed) {
      return;
    }
    Set<String> departed = new LinkedHashSet<>(members);
    departed.removeAll(now);
    self = nodeId;
    members = Set.copyOf(now);
    quorate = quorateNow;
    onChange.accept(new Change(self, members, Set.copyOf(departed), quorate));
    first.tryComplete();
  }

  private static Set<String> ids(JsonArray array) {
    Set<String> ids = new LinkedHashSet<>();
    array.forEach(id -> ids.add((String) id));
    return ids;
  }
}
