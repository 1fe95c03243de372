package dev.vigie.coverage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigie.bus.CoverageBus;
import dev.vigie.demo.MirrorVerticle;
import dev.vigie.kit.TestConfig;
import dev.vigie.kit.TestVigie;
import dev.vigie.kit.Wait;
import dev.vigie.vision.ArchiveSpec;
import dev.vigie.vision.DataType;
import dev.vigie.vision.Interval;
import dev.vigie.vision.Market;
import dev.vigie.vision.Period;
import io.vertx.core.http.HttpClient;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The listing client against the demo mirror's S3 listing: more than 1,000 keys come in pages followed by their
 * marker, a delimiter gives the symbols, and an expansion ("all days from 2022", "every USD-M symbol") gives what
 * is published, telling a day absent upstream from one not asked for.
 */
class UpstreamListingTest {
  private static final LocalDate FIRST = LocalDate.of(2022, 1, 1);

  @TempDir
  Path temp;

  private static void publishDays(MirrorVerticle mirror, String symbol, int days) {
    for (int i = 0; i < days; i++) {
      mirror.catalog().publish(new ArchiveSpec(Market.UM, Period.DAILY, DataType.KLINES, symbol, Interval.ONE_HOUR,
          FIRST.plusDays(i).toString()));
    }
  }

  @Test
  void moreThanAThousandKeysComeInPagesFollowedByTheirMarker() {
    try (TestVigie vigie = TestVigie.start(TestConfig.defaults(temp.resolve("data")).only("coverage").mirror(100))) {
      MirrorVerticle mirror = vigie.mirror();
      publishDays(mirror, "BTCUSDT", 700);
      publishDays(mirror, "ETHUSDT", 3);
      mirror.catalog().publish(new ArchiveSpec(Market.UM, Period.DAILY, DataType.METRICS, "XRPUSDT", null, "2024-03-01"));
      CoverageSettings settings = CoverageSettings.from(vigie.config());
      HttpClient client = vigie.vertx().createHttpClient();
      UpstreamListing listing = new UpstreamListing(client, settings);

      UpstreamListing.Listed series = Wait.await("the listing",
          listing.list("data/futures/um/daily/klines/BTCUSDT/1h/", null));
      assertEquals(1400, series.keys().size(), "700 archives and their checksums");
      assertEquals(2, series.pages());
      assertTrue(series.keys().get(0).key().endsWith("BTCUSDT-1h-2022-01-01.zip"));
      List<String> listings = mirror.seen().stream().map(MirrorVerticle.Seen::path).filter(p -> p.startsWith("/?"))
          .toList();
      assertEquals(2, listings.size(), listings.toString());
      assertTrue(listings.get(1).contains("marker=data%2Ffutures%2Fum%2Fdaily%2Fklines%2FBTCUSDT%2F1h%2FBTCUSDT-1h-"),
          listings.get(1));

      UpstreamListing.Listed symbols = Wait.await("the symbols", listing.list("data/futures/um/daily/klines/", "/"));
      assertEquals(List.of("data/futures/um/daily/klines/BTCUSDT/", "data/futures/um/daily/klines/ETHUSDT/"),
          symbols.prefixes());
      Wait.await("the client closed", client.close());
    }
  }

  @Test
  void anExpansionGivesWhatIsPublishedAndWhatIsAbsent() {
    try (TestVigie vigie = TestVigie.start(TestConfig.defaults(temp.resolve("data")).only("coverage").mirror(100))) {
      MirrorVerticle mirror = vigie.mirror();
      publishDays(mirror, "BTCUSDT", 10);
      publishDays(mirror, "ETHUSDT", 4);
      String absent = new ArchiveSpec(Market.UM, Period.DAILY, DataType.KLINES, "BTCUSDT", Interval.ONE_HOUR,
          "2022-01-05").key();
      mirror.catalog().withdraw(absent);

      JsonObject one = vigie.ask(CoverageBus.EXPAND, new JsonObject().put("market", "um").put("period", "daily")
          .put("dataType", "klines").put("interval", "1h").put("symbol", "BTCUSDT").put("from", "2021-06-01"));
      assertEquals(1, one.getInteger("symbols"));
      assertEquals(9, one.getInteger("listed"), one.encode());
      assertEquals(1, one.getInteger("absent"), "the days before the first one published are not absent: " + one);
      assertEquals(List.of(absent), one.getJsonArray("absentKeys").getList());

      JsonObject every = vigie.ask(CoverageBus.EXPAND, new JsonObject().put("market", "um").put("period", "daily")
          .put("dataType", "klines").put("interval", "1h").put("symbol", "*"));
      assertEquals(2, every.getInteger("symbols"), every.encode());
      assertEquals(13, every.getInteger("listed"), every.encode());

      assertEquals(400, vigie.refusal(CoverageBus.EXPAND, new JsonObject().put("market", "spot")
          .put("period", "daily").put("dataType", "metrics").put("symbol", "BTCUSDT")).failureCode());
    }
  }
}
