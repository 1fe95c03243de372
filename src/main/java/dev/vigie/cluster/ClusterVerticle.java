package dev.vigie.cluster;

import dev.vigie.bus.ClusterBus;
import dev.vigie.bus.HealthBus;
import dev.vigie.bus.Refusal;
import dev.vigie.bus.SectionPublisher;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.shareddata.AsyncMap;
import io.vertx.core.spi.cluster.NodeListener;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The cluster area, deployed only with {@code --cluster}: follows membership (the cluster manager's node events),
 * announces this member in the cluster-wide member map every {@code cluster.announceIntervalMs} (its entry is removed
 * when it stops, by the survivors when it leaves, and expires if neither happens), holds or waits for each role of
 * {@code cluster.roles}, and publishes the "cluster" section to this node's monitor.
 */
public final class ClusterVerticle extends VerticleBase {
  /** The cluster-wide map of {@link MemberInfo}, keyed by node id. */
  static final String MEMBER_MAP = "vigie.cluster.members";

  private final ObservedClusterManager manager;
  private final List<String> areas;
  private final long startedAt = System.currentTimeMillis();
  private final OperatingSystemMXBean system = ManagementFactory.getOperatingSystemMXBean();
  private final TreeSet<String> members = new TreeSet<>();
  private final Map<String, MemberInfo> announced = new HashMap<>();
  private final Map<String, RoleHolder> roles = new LinkedHashMap<>();
  private ClusterAreaSettings settings;
  private String self;
  private String address;
  private long changedAt;
  private AsyncMap<String, JsonObject> memberMap;
  private SectionPublisher section;
  private NodeListener listener;
  private long announceTimer = -1;

  /** {@code areas}: the areas this node runs, as {@code /health} names them. */
  public ClusterVerticle(ObservedClusterManager manager, List<String> areas) {
    this.manager = manager;
    this.areas = List.copyOf(areas);
  }

  @Override
  public Future<?> start() {
    settings = ClusterAreaSettings.from(config());
    self = manager.getNodeId();
    var local = manager.getHazelcastInstance().getCluster().getLocalMember().getAddress();
    address = local.getHost() + ":" + local.getPort();
    // Each node's page shows its own view of the cluster: published locally, or every monitor would flip between views.
    section = new SectionPublisher(vertx.eventBus(), new DeliveryOptions().setLocalOnly(true));
    Context context = vertx.getOrCreateContext();
    listener = new NodeListener() {
      @Override
      public void nodeAdded(String nodeId) {
        context.runOnContext(v -> membershipChanged(nodeId, true));
      }

      @Override
      public void nodeLeft(String nodeId) {
        context.runOnContext(v -> membershipChanged(nodeId, false));
      }
    };
    // Listen first, then read the members: an event that crosses the read is applied again, which changes nothing.
    manager.addNodeListener(listener);
    members.addAll(manager.getNodes());
    changedAt = System.currentTimeMillis();
    publishMembership();
    for (String role : settings.roles()) {
      roles.put(role, new RoleHolder(vertx, role, settings.roleRetryMs(), held -> roleChanged(role, held)));
    }
    List<MessageConsumer<?>> consumers = List.of(
        HealthBus.answerPings(vertx.eventBus(), "cluster"),
        vertx.eventBus().localConsumer(ClusterBus.MEMBERS, msg -> msg.reply(view())),
        vertx.eventBus().<JsonObject>localConsumer(ClusterBus.HOLDS, this::onHolds));
    return Future.all(consumers.stream().map(MessageConsumer::completion).toList())
        .compose(up -> vertx.sharedData().<String, JsonObject>getClusterWideMap(MEMBER_MAP))
        .compose(map -> {
          memberMap = map;
          roles.values().forEach(RoleHolder::start);
          announceTimer = vertx.setPeriodic(settings.announceIntervalMs(), id -> announce());
          return announce();
        });
  }

  private void membershipChanged(String nodeId, boolean joined) {
    boolean changed = joined ? members.add(nodeId) : members.remove(nodeId);
    if (!joined) {
      announced.remove(nodeId);
      // Every survivor removes it: the first removal counts, the others find nothing. (A leave heard before the map
      // is open is left to the entry's expiry.)
      if (memberMap != null) {
        memberMap.remove(nodeId);
      }
    }
    if (changed) {
      changedAt = System.currentTimeMillis();
      publishMembership();
      section.publish(ClusterSection.section(view()).toJson());
    }
  }

  private void publishMembership() {
    vertx.eventBus().publish(ClusterBus.MEMBERSHIP, new JsonObject().put("nodeId", self)
        .put("members", new JsonArray(List.copyOf(members))).put("changedAt", Instant.ofEpochMilli(changedAt).toString())
        .put("quorate", quorate()), new DeliveryOptions().setLocalOnly(true));
  }

  /** Whether this side sees at least {@code cluster.quorum} members (a side of a network split may not). */
  private boolean quorate() {
    return members.size() >= settings.quorum();
  }

  private void roleChanged(String role, boolean held) {
    vertx.eventBus().publish(ClusterBus.ROLE, new JsonObject().put("role", role).put("held", held).put("nodeId", self),
        new DeliveryOptions().setLocalOnly(true));
    if (memberMap != null) {
      announce();
    }
  }

  /** Puts this member's entry (refreshing its expiry), then reads every entry and republishes the section. */
  private Future<Void> announce() {
    List<String> held = new ArrayList<>();
    roles.forEach((role, holder) -> {
      if (holder.held()) {
        held.add(role);
      }
    });
    double load = system.getSystemLoadAverage() < 0 ? -1
        : Math.round(system.getSystemLoadAverage() / system.getAvailableProcessors() * 100) / 100.0;
    long now = System.currentTimeMillis();
    MemberInfo info = new MemberInfo(self, address, startedAt, now - startedAt, areas, load, held);
    announced.put(self, info);
    return memberMap.put(self, info.toJson(), settings.memberTtlMs())
        .compose(put -> memberMap.entries())
        .onSuccess(entries -> {
          Map<String, MemberInfo> read = new HashMap<>();
          entries.forEach((id, json) -> read.put(id, MemberInfo.fromJson(json)));
          Map<String, MemberInfo> kept = ClusterSection.announcements(announced, read, members);
          announced.clear();
          announced.putAll(kept);
          announced.put(self, info);
          section.publish(ClusterSection.section(view()).toJson());
        })
        .mapEmpty();
  }

  private JsonObject view() {
    return ClusterSection.members(self, members, announced, settings.roles(), changedAt)
        .put("quorum", settings.quorum()).put("quorate", quorate());
  }

  private void onHolds(Message<JsonObject> msg) {
    String role = msg.body() == null ? null : msg.body().getString("role");
    RoleHolder holder = roles.get(role);
    if (holder == null) {
      new Refusal(404, "NO_ROLE", "role", "no role '" + role + "' (cluster.roles: " + settings.roles() + ")")
          .failReply(msg);
      return;
    }
    JsonObject reply = new JsonObject().put("role", role).put("held", holder.held());
    String holderId = view().getJsonObject("roles").getString(role);
    if (holderId != null) {
      reply.put("holder", holderId);
    }
    msg.reply(reply);
  }

  @Override
  public Future<?> stop() {
    manager.removeNodeListener(listener);
    if (announceTimer >= 0) {
      vertx.cancelTimer(announceTimer);
    }
    // Give the roles back first, so a survivor takes them over while this node finishes leaving.
    roles.values().forEach(RoleHolder::stop);
    return memberMap == null ? Future.succeededFuture() : memberMap.remove(self).recover(e -> Future.succeededFuture());
  }
}
