package dev.vigie.coverage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.vigie.bus.Refusal;
import dev.vigie.vision.ArchiveSpec;
import dev.vigie.vision.BucketListing;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Ledger questions and expansions checked field by field, and a series' listing read into listed, absent and runs. */
class CoverageRequestsTest {
  private static final CoverageSettings SETTINGS = new CoverageSettings("http://127.0.0.1:1", 100, 1000, 10, 3, 1000, 5000);
  private static final LocalDate TODAY = LocalDate.of(2026, 12, 2);

  private static String refusedField(JsonObject query) {
    return assertThrows(Refusal.class, () -> CoverageQuery.from(query, SETTINGS)).field();
  }

  @Test
  void eachBadFilterIsNamed() {
    assertEquals(new JsonObject().put("market", "um").put("dataType", "metrics").put("limit", 100),
        CoverageQuery.from(new JsonObject().put("market", "um").put("dataType", "metrics"), SETTINGS));
    assertEquals(25, CoverageQuery.from(new JsonObject().put("limit", "25"), SETTINGS).getInteger("limit"));
    assertEquals("dataType", refusedField(new JsonObject().put("market", "spot").put("dataType", "bookTicker")));
    assertEquals("period", refusedField(new JsonObject().put("dataType", "fundingRate").put("period", "daily")));
    assertEquals("interval", refusedField(new JsonObject().put("dataType", "trades").put("interval", "1m")));
    assertEquals("limit", refusedField(new JsonObject().put("limit", "1001")));
    assertEquals("state", refusedField(new JsonObject().put("state", "done")));
    assertEquals("to", refusedField(new JsonObject().put("from", "2024-03-02").put("to", "2024-03-01")));
    assertEquals("cursor", refusedField(new JsonObject().put("cursor", "../etc/passwd")));
    assertEquals("symbol", refusedField(new JsonObject().put("symbol", "btc")));
    assertEquals("form", refusedField(new JsonObject().put("form", "grid")));
    assertEquals("cursor", refusedField(new JsonObject().put("form", "cells").put("cursor", "x")));
    assertEquals(new JsonObject().put("dataType", "klines").put("form", "cells").put("maxCells", 5000),
        CoverageQuery.from(new JsonObject().put("dataType", "klines").put("form", "cells"), SETTINGS));
  }

  @Test
  void anExpansionNamesItsBadField() {
    JsonObject ok = new JsonObject().put("market", "cm").put("period", "monthly").put("dataType", "fundingRate")
        .put("symbol", "*");
    ExpandRequest every = ExpandRequest.from(ok, TODAY);
    assertEquals("data/futures/cm/monthly/fundingRate/", every.typePrefix());
    assertEquals(LocalDate.of(2026, 12, 1), every.to());
    assertEquals("period", assertThrows(Refusal.class,
        () -> ExpandRequest.from(ok.copy().put("period", "daily"), TODAY)).field());
    assertEquals("interval", assertThrows(Refusal.class,
        () -> ExpandRequest.from(ok.copy().put("dataType", "klines"), TODAY)).field());
    assertEquals("symbol", assertThrows(Refusal.class,
        () -> ExpandRequest.from(ok.copy().put("symbol", "all"), TODAY)).field());
    assertEquals("fetch", assertThrows(Refusal.class,
        () -> ExpandRequest.from(ok.copy().put("fetch", "yes"), TODAY)).field());
  }

  @Test
  void aSeriesListingGivesListedAbsentAndRuns() {
    ExpandRequest request = ExpandRequest.from(new JsonObject().put("market", "um").put("period", "daily")
        .put("dataType", "metrics").put("symbol", "BTCUSDT").put("from", "2024-03-01").put("to", "2024-03-31"), TODAY);
    List<BucketListing.Entry> keys = new java.util.ArrayList<>();
    for (int day : new int[] {2, 3, 4, 5, 7, 8}) {
      String key = String.format("data/futures/um/daily/metrics/BTCUSDT/BTCUSDT-metrics-2024-03-%02d.zip", day);
      keys.add(new BucketListing.Entry(key, 10, "t"));
      keys.add(new BucketListing.Entry(key + ".CHECKSUM", 1, "t"));
    }
    keys.add(new BucketListing.Entry("data/futures/um/daily/metrics/BTCUSDT/BTCUSDT-metrics-2024-02-29.zip", 1, "t"));
    SeriesListing series = SeriesListing.of(request, "BTCUSDT", keys);
    assertEquals(6, series.listed().size(), "checksums and days outside the range are not archives of it");
    assertEquals(List.of("2024-03-06"), series.absent().stream().map(ArchiveSpec::date).toList(),
        "only between the first and last listed: the 1st and the days after the 8th are not absent");
    assertEquals(List.of(List.of("2024-03-02", "2024-03-03", "2024-03-04"), List.of("2024-03-05"),
        List.of("2024-03-07", "2024-03-08")), series.runs(3).stream().map(run -> run.stream().map(ArchiveSpec::date)
        .toList()).toList());
  }
}
