package dev.vigie.vision;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A Binance Vision {@code .CHECKSUM}: one line {@code <64 hex>  <file name>}, often without a trailing newline. */
public final class ChecksumFile {
  private static final Pattern LINE = Pattern.compile("\\s*([0-9a-fA-F]{64})\\s+\\*?(\\S+)\\s*");

  private ChecksumFile() {
  }

  /** The lower-case SHA-256 hex for {@code fileName}; throws IllegalArgumentException when the text is not one. */
  public static String parse(String text, String fileName) {
    Matcher m = LINE.matcher(text);
    if (!m.matches()) {
      throw new IllegalArgumentException("not a CHECKSUM line: '" + abbreviate(text) + "'");
    }
    if (!m.group(2).equals(fileName)) {
      throw new IllegalArgumentException("the CHECKSUM names " + m.group(2) + ", not " + fileName);
    }
    return m.group(1).toLowerCase(Locale.ROOT);
  }

  /** The line as Binance writes it. */
  public static String line(String sha256, String fileName) {
    return sha256 + "  " + fileName;
  }

  private static String abbreviate(String text) {
    return text.length() > 80 ? text.substring(0, 80) + "..." : text;
  }
}
