package dev.vigie.vision;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * One page of the S3 listing the Binance Vision site reads ({@code GET <bucket>?prefix=&delimiter=/&marker=}): the
 * {@code ListBucketResult} XML with {@code Contents} (Key, Size, LastModified), {@code CommonPrefixes},
 * {@code IsTruncated} and {@code NextMarker}. At most {@link #MAX_KEYS} keys and prefixes a page; the next page
 * starts after the marker. Read here for the listing client, written here for the demo mirror.
 */
public record BucketListing(String prefix, String delimiter, String marker, List<Entry> contents,
    List<String> commonPrefixes, boolean truncated, String nextMarker) {

  /** Keys and common prefixes a page holds at most, as S3 answers. */
  public static final int MAX_KEYS = 1000;
  private static final String NAMESPACE = "http://s3.amazonaws.com/doc/2006-03-01/";

  /** One object: its key, size in bytes and last modification (ISO-8601, as S3 writes it). */
  public record Entry(String key, long size, String lastModified) {
  }

  /**
   * The marker the next page starts after: {@code NextMarker} when given (S3 gives it with a delimiter), else the
   * last key or prefix of this page; null when this page is the last.
   */
  public String continueAfter() {
    if (!truncated) {
      return null;
    }
    if (nextMarker != null && !nextMarker.isEmpty()) {
      return nextMarker;
    }
    String lastKey = contents.isEmpty() ? null : contents.get(contents.size() - 1).key();
    String lastPrefix = commonPrefixes.isEmpty() ? null : commonPrefixes.get(commonPrefixes.size() - 1);
    if (lastKey == null || lastPrefix != null && lastPrefix.compareTo(lastKey) > 0) {
      return lastPrefix;
    }
    return lastKey;
  }

  /** Reads a {@code ListBucketResult}; throws IllegalArgumentException when the text is not one. */
  public static BucketListing parse(String xml) {
    XMLInputFactory factory = XMLInputFactory.newFactory();
    // No DTDs, no external entities: the listing comes from the network.
    factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    try {
      XMLStreamReader reader = factory.createXMLStreamReader(new StringReader(xml));
      return read(reader);
    } catch (XMLStreamException | RuntimeException e) {
      throw new IllegalArgumentException("not an S3 ListBucketResult: " + e.getMessage(), e);
    }
  }

  private static BucketListing read(XMLStreamReader reader) throws XMLStreamException {
    String prefix = "";
    String delimiter = null;
    String marker = "";
    String nextMarker = null;
    boolean truncated = false;
    boolean root = false;
    List<Entry> contents = new ArrayList<>();
    List<String> prefixes = new ArrayList<>();
    String key = null;
    long size = 0;
    String modified = null;
    String section = "";
    StringBuilder text = new StringBuilder();
    while (reader.hasNext()) {
      int event = reader.next();
      if (event == XMLStreamConstants.START_ELEMENT) {
        String name = reader.getLocalName();
        text.setLength(0);
        if (name.equals("ListBucketResult")) {
          root = true;
        } else if (name.equals("Contents") || name.equals("CommonPrefixes")) {
          section = name;
          key = null;
          size = 0;
          modified = null;
        }
      } else if (event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.CDATA) {
        text.append(reader.getText());
      } else if (event == XMLStreamConstants.END_ELEMENT) {
        String name = reader.getLocalName();
        String value = text.toString().trim();
        switch (section + "/" + name) {
          case "/Prefix" -> prefix = value;
          case "/Delimiter" -> delimiter = value;
          case "/Marker" -> marker = value;
          case "/NextMarker" -> nextMarker = value;
          case "/IsTruncated" -> truncated = Boolean.parseBoolean(value);
          case "Contents/Key" -> key = value;
          case "Contents/Size" -> size = Long.parseLong(value);
          case "Contents/LastModified" -> modified = value;
          case "Contents/Contents" -> {
            contents.add(new Entry(key, size, modified));
            section = "";
          }
          case "CommonPrefixes/Prefix" -> prefixes.add(value);
          case "CommonPrefixes/CommonPrefixes" -> section = "";
          default -> {
            // other fields (Name, MaxKeys, ETag, StorageClass) say nothing Vigie needs
          }
        }
        text.setLength(0);
      }
    }
    if (!root) {
      throw new IllegalArgumentException("no ListBucketResult element");
    }
    return new BucketListing(prefix, delimiter, marker, List.copyOf(contents), List.copyOf(prefixes), truncated,
        nextMarker);
  }

  /** The page as S3 writes it. */
  public String toXml(String bucket) {
    StringBuilder xml = new StringBuilder(256 + contents.size() * 200)
        .append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ListBucketResult xmlns=\"").append(NAMESPACE).append("\">")
        .append("<Name>").append(escape(bucket)).append("</Name><Prefix>").append(escape(prefix)).append("</Prefix>")
        .append("<Marker>").append(escape(marker)).append("</Marker>");
    if (nextMarker != null) {
      xml.append("<NextMarker>").append(escape(nextMarker)).append("</NextMarker>");
    }
    xml.append("<MaxKeys>").append(MAX_KEYS).append("</MaxKeys>");
    if (delimiter != null) {
      xml.append("<Delimiter>").append(escape(delimiter)).append("</Delimiter>");
    }
    xml.append("<IsTruncated>").append(truncated).append("</IsTruncated>");
    for (Entry entry : contents) {
      xml.append("<Contents><Key>").append(escape(entry.key())).append("</Key><LastModified>")
          .append(escape(entry.lastModified())).append("</LastModified><Size>").append(entry.size())
          .append("</Size><StorageClass>STANDARD</StorageClass></Contents>");
    }
    for (String common : commonPrefixes) {
      xml.append("<CommonPrefixes><Prefix>").append(escape(common)).append("</Prefix></CommonPrefixes>");
    }
    return xml.append("</ListBucketResult>").toString();
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  /**
   * The page S3 would answer from {@code keys} (sorted), for {@code prefix}, {@code delimiter} (null: none) and
   * {@code marker} (keys after it): keys under the prefix, those holding the delimiter past the prefix folded into
   * one common prefix each, at most {@link #MAX_KEYS} of both together.
   */
  public static BucketListing page(NavigableMap<String, Entry> keys, String prefix, String delimiter,
      String marker) {
    List<Entry> contents = new ArrayList<>();
    List<String> prefixes = new ArrayList<>();
    String last = null;
    String from = marker != null && marker.compareTo(prefix) > 0 ? marker : prefix;
    boolean inclusive = from.equals(prefix) && !prefix.equals(marker);
    for (Entry entry : keys.tailMap(from, inclusive).values()) {
      String key = entry.key();
      if (!key.startsWith(prefix)) {
        break;
      }
      int cut = delimiter == null || delimiter.isEmpty() ? -1 : key.indexOf(delimiter, prefix.length());
      String common = cut < 0 ? null : key.substring(0, cut + delimiter.length());
      if (common != null && (common.equals(last) || marker != null && common.compareTo(marker) <= 0)) {
        continue;
      }
      if (contents.size() + prefixes.size() == MAX_KEYS) {
        return new BucketListing(prefix, delimiter, marker == null ? "" : marker, contents, prefixes, true,
            delimiter == null ? null : last);
      }
      if (common != null) {
        prefixes.add(common);
        last = common;
      } else {
        contents.add(entry);
        last = key;
      }
    }
    return new BucketListing(prefix, delimiter, marker == null ? "" : marker, contents, prefixes, false, null);
  }
}
