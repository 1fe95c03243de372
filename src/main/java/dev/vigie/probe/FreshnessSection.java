package dev.vigie.probe;

import dev.vigie.bus.Metric;
import dev.vigie.bus.SectionUpdate;
import dev.vigie.bus.Status;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * The "freshness" section: one metric per source, its data's age in minutes (hours for sources whose good age is
 * a day or more, as the seed shows portfolio snapshots), or "no data" while the source never answered. With more
 * sources than {@code probe.worstShown}, only the worst that many are shown, after a count of all of them by
 * status (the full list is {@code GET /api/probes}): a push stays small however many sources there are.
 */
final class FreshnessSection {
  static final String NAME = "freshness";

  private final int shown;

  FreshnessSection(int shown) {
    this.shown = shown;
  }

  SectionUpdate build(Collection<FreshnessState> states, Instant now) {
    List<Metric> metrics = new ArrayList<>();
    JsonArray sources = new JsonArray();
    List<FreshnessState> list = new ArrayList<>(states);
    JsonObject counts = new JsonObject().put("good", 0).put("warning", 0).put("critical", 0).put("neutral", 0);
    list.forEach(s -> counts.put(s.status(now).wire(), counts.getInteger(s.status(now).wire()) + 1));
    if (list.size() > shown) {
      list.sort(Comparator.comparingInt((FreshnessState s) -> EndpointsSection.rank(s.status(now))).reversed()
          .thenComparing(Comparator.comparingLong((FreshnessState s) -> s.ageMs(now) == null ? -1 : s.ageMs(now)).reversed()));
      list = list.subList(0, shown);
      metrics.add(Metric.of("Sources", states.size(), null, Status.NEUTRAL).withHint(counts.getInteger("critical")
          + " critical, " + counts.getInteger("warning") + " warning, " + counts.getInteger("neutral")
          + " with no data; the worst " + shown + " below, all of them in GET /api/probes"));
    }
    for (FreshnessState state : list) {
      metrics.add(metric(state, now));
      sources.add(state.toJson(now));
    }
    return new SectionUpdate(NAME, "Data freshness", metrics, new JsonObject().put("sources", sources)
        .put("total", states.size()).put("counts", counts));
  }

  private static Metric metric(FreshnessState state, Instant now) {
    FreshnessSource source = state.source();
    boolean hours = source.goodAgeMs() >= 6 * 3_600_000L;
    String unit = hours ? "h" : "min";
    double per = hours ? 3_600_000.0 : 60_000.0;
    String bounds = String.format("good under %s %s, critical over %s %s", fmt(source.goodAgeMs() / per), unit,
        fmt(source.warningAgeMs() / per), unit);
    Long age = state.ageMs(now);
    if (age == null) {
      String why = state.error() == null ? "no data yet" : "no data yet (last check: " + state.error() + ")";
      return Metric.of(source.name(), "no data", null, Status.NEUTRAL).withHint(why + "; " + bounds);
    }
    String hint = bounds + (state.error() == null ? "" : "; last check failed: " + state.error());
    return Metric.of(source.name(), Math.round(age / per * 10) / 10.0, unit, state.status(now)).withHint(hint);
  }

  private static String fmt(double v) {
    return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
  }
}
