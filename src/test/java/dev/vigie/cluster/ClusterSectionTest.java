package dev.vigie.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A member late to announce keeps its areas in the section while the cluster manager still lists it: on a loaded
 * machine its entry in the member map expired, the section listed it with its id alone, and the stress form (and the
 * API) offered one generator fewer for as long, lowering a run asked over two members to one.
 */
class ClusterSectionTest {
  private static final MemberInfo A = member("a", List.of("alerts"));
  private static final MemberInfo B = member("b", List.of("alerts"));

  @Test
  void aListedMemberWhoseEntryExpiredKeepsItsLastAnnouncementWithoutRoles() {
    Map<String, MemberInfo> now = ClusterSection.announcements(Map.of("a", A, "b", B), Map.of("a", A), List.of("a", "b"));
    assertEquals(A, now.get("a"));
    assertEquals(List.of("stress", "probe"), now.get("b").areas());
    assertEquals(List.of(), now.get("b").roles(), "a late entry names no role holder");

    JsonObject view = ClusterSection.members("a", List.of("a", "b"), now, List.of("alerts"), 0);
    assertEquals(List.of("stress", "probe"), view.getJsonArray("members").getJsonObject(1).getJsonArray("areas").getList());
    assertEquals("a", view.getJsonObject("roles").getString("alerts"));
  }

  @Test
  void aMemberTheClusterNoLongerListsIsNotKept() {
    Map<String, MemberInfo> now = ClusterSection.announcements(Map.of("a", A, "b", B), Map.of("a", A), List.of("a"));
    assertEquals(Map.of("a", A), now);
  }

  @Test
  void aFreshEntryWinsOverTheLastOne() {
    MemberInfo moved = new MemberInfo("b", "127.0.0.1:5702", 1, 2_000, List.of("stress", "probe"), 0.5, List.of());
    Map<String, MemberInfo> now = ClusterSection.announcements(Map.of("b", B), Map.of("b", moved), List.of("b"));
    assertEquals(moved, now.get("b"));
  }

  private static MemberInfo member(String id, List<String> roles) {
    return new MemberInfo(id, "127.0.0.1:570" + id.length(), 1, 1_000, List.of("stress", "probe"), 0.1, roles);
  }
}
