package dev.vigie.bus;

/**
 * Cluster addresses (only when Vigie runs with {@code --cluster}): who the members are and which member holds each
 * cluster-wide role. The roles are listed in {@code cluster.roles}; {@link #ALERTS} is the one alerts use.
 */
public final class ClusterBus {
  private ClusterBus() {
  }

  /** The role of the member that evaluates and notifies alerts for the whole cluster. */
  public static final String ALERTS = "alerts";

  /**
   * Request-reply, answered by this node (a local consumer): empty body; replies {@code {nodeId, members: [{id,
   * address, startedAt, uptimeMs, areas, load, roles, self}], roles: {role: nodeId}, changedAt}}, members sorted by
   * id. {@code changedAt} is when this node last saw a member join or leave.
   */
  public static final String MEMBERS = "vigie.cluster.members";
  /**
   * Publish (local to each node, by the cluster area): {@code {nodeId, members: [node ids, sorted], changedAt,
   * quorate}} when the cluster area starts and each time a member joins or leaves: what an area needs to work out its
   * own share (rendezvous hashing over the members) without asking. {@code quorate}: this node sees at least
   * {@code cluster.quorum} members (always true when that is 0); an area that must not act on both sides of a network
   * split (downloads) holds back while it is false.
   */
  public static final String MEMBERSHIP = "vigie.cluster.membership";
  /**
   * Publish (local to each node, by the cluster area): {@code {role, held, nodeId}} each time this node takes or gives
   * back a role. An area that acts for the cluster (alerts) acts while its node holds the role; without
   * {@code --cluster} nothing is published and every node acts alone.
   */
  public static final String ROLE = "vigie.cluster.role";
  /**
   * Request-reply, answered by this node: {@code {role}}; replies {@code {role, held, holder?}} ({@code holder}: the
   * node id holding it, when known). Fails 404 {@code NO_ROLE} for a role not in {@code cluster.roles}.
   */
  public static final String HOLDS = "vigie.cluster.holds";
}
