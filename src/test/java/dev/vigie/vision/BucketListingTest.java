package dev.vigie.vision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The S3 ListBucketResult the Binance Vision bucket answers: read, written, and paged as S3 pages it. */
class BucketListingTest {
  /** The shape data.binance.vision's bucket answers (namespace, Contents with ETag and StorageClass). */
  private static final String BINANCE_PAGE = """
      <?xml version="1.0" encoding="UTF-8"?>
      <ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Name>data.binance.vision</Name>\
      <Prefix>data/spot/daily/klines/BTCUSDT/1m/</Prefix><Marker></Marker>\
      <NextMarker>data/spot/daily/klines/BTCUSDT/1m/BTCUSDT-1m-2017-08-18.zip.CHECKSUM</NextMarker>\
      <MaxKeys>1000</MaxKeys><Delimiter>/</Delimiter><IsTruncated>true</IsTruncated>\
      <Contents><Key>data/spot/daily/klines/BTCUSDT/1m/BTCUSDT-1m-2017-08-17.zip</Key>\
      <LastModified>2022-11-22T12:13:03.000Z</LastModified><ETag>&quot;5b1d7c0e&quot;</ETag><Size>24519</Size>\
      <StorageClass>STANDARD</StorageClass></Contents>\
      <Contents><Key>data/spot/daily/klines/BTCUSDT/1m/BTCUSDT-1m-2017-08-17.zip.CHECKSUM</Key>\
      <LastModified>2022-11-22T12:13:03.000Z</LastModified><ETag>&quot;aa&quot;</ETag><Size>105</Size>\
      <StorageClass>STANDARD</StorageClass></Contents>\
      <CommonPrefixes><Prefix>data/spot/daily/klines/BTCUSDT/1m/old/</Prefix></CommonPrefixes>\
      </ListBucketResult>""";

  @Test
  void readsThePageTheBucketAnswers() {
    BucketListing page = BucketListing.parse(BINANCE_PAGE);
    assertEquals("data/spot/daily/klines/BTCUSDT/1m/", page.prefix());
    assertEquals("/", page.delimiter());
    assertTrue(page.truncated());
    assertEquals(2, page.contents().size());
    assertEquals(new BucketListing.Entry("data/spot/daily/klines/BTCUSDT/1m/BTCUSDT-1m-2017-08-17.zip", 24519,
        "2022-11-22T12:13:03.000Z"), page.contents().get(0));
    assertEquals(List.of("data/spot/daily/klines/BTCUSDT/1m/old/"), page.commonPrefixes());
    assertEquals("data/spot/daily/klines/BTCUSDT/1m/BTCUSDT-1m-2017-08-18.zip.CHECKSUM", page.continueAfter());
    assertEquals(page, BucketListing.parse(page.toXml("data.binance.vision")), "what the mirror writes reads back");
    assertThrows(IllegalArgumentException.class, () -> BucketListing.parse("<Error><Code>AccessDenied</Code></Error>"));
    assertThrows(IllegalArgumentException.class, () -> BucketListing.parse("not xml"));
  }

  private static NavigableMap<String, BucketListing.Entry> keys(String... keys) {
    NavigableMap<String, BucketListing.Entry> map = new TreeMap<>();
    for (String key : keys) {
      map.put(key, new BucketListing.Entry(key, 1, "2024-01-01T00:00:00Z"));
    }
    return map;
  }

  @Test
  void pagesOfAThousandKeysFollowTheMarker() {
    NavigableMap<String, BucketListing.Entry> many = new TreeMap<>();
    for (int i = 0; i < 2500; i++) {
      String key = String.format("data/x/%05d.zip", i);
      many.put(key, new BucketListing.Entry(key, 1, "t"));
    }
    BucketListing first = BucketListing.page(many, "data/x/", null, null);
    assertEquals(1000, first.contents().size());
    assertTrue(first.truncated());
    assertNull(first.nextMarker(), "without a delimiter S3 gives no NextMarker: the last key is the marker");
    BucketListing second = BucketListing.page(many, "data/x/", null, first.continueAfter());
    assertEquals("data/x/01000.zip", second.contents().get(0).key());
    BucketListing third = BucketListing.page(many, "data/x/", null, second.continueAfter());
    assertEquals(500, third.contents().size());
    assertFalse(third.truncated());
    assertNull(third.continueAfter());
  }

  @Test
  void aDelimiterFoldsEachSymbolIntoOneCommonPrefix() {
    NavigableMap<String, BucketListing.Entry> keys = keys("data/futures/um/daily/klines/BTCUSDT/1m/a.zip",
        "data/futures/um/daily/klines/BTCUSDT/1h/b.zip", "data/futures/um/daily/klines/ETHUSDT/1m/c.zip",
        "data/futures/um/daily/metrics/BTCUSDT/d.zip");
    BucketListing symbols = BucketListing.page(keys, "data/futures/um/daily/klines/", "/", null);
    assertEquals(List.of("data/futures/um/daily/klines/BTCUSDT/", "data/futures/um/daily/klines/ETHUSDT/"),
        symbols.commonPrefixes());
    assertTrue(symbols.contents().isEmpty());
    BucketListing after = BucketListing.page(keys, "data/futures/um/daily/klines/", "/",
        "data/futures/um/daily/klines/BTCUSDT/");
    assertEquals(List.of("data/futures/um/daily/klines/ETHUSDT/"), after.commonPrefixes());
  }
}
