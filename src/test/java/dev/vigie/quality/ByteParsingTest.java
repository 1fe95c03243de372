package dev.vigie.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Lines and fields read straight from bytes give what String parsing would. */
class ByteParsingTest {
  private static CsvRow row(String line) {
    CsvRow row = new CsvRow();
    byte[] bytes = ("xx" + line + "yy").getBytes(StandardCharsets.US_ASCII);
    row.split(bytes, 2, bytes.length - 2);
    return row;
  }

  @Test
  void decimalsParseAsTheirNearestDouble() {
    CsvRow r = row("30453.00,0.00002853,-12.5,7,.5,5.,100000000000000000000.5,0.1234567890123456789");
    assertEquals(8, r.count());
    assertEquals(30453.0, r.decimalAt(0));
    assertEquals(0.00002853, r.decimalAt(1));
    assertEquals(-12.5, r.decimalAt(2));
    assertEquals(7.0, r.decimalAt(3));
    assertEquals(0.5, r.decimalAt(4));
    assertEquals(5.0, r.decimalAt(5));
    assertEquals(1e20, r.decimalAt(6), 1e5);
    assertEquals(0.1234567890123456789, r.decimalAt(7), 1e-17);
  }

  @Test
  void anythingButAPlainDecimalIsNotANumber() {
    CsvRow r = row(",.,1e5,1..2,1.2.3,abc,-,1 ,0x10");
    for (int i = 0; i < r.count(); i++) {
      assertTrue(Double.isNaN(r.decimalAt(i)), "field " + i);
    }
  }

  @Test
  void scientificNotationIsReadWhereAskedForAndEmptyFieldsAreToldApart() {
    CsvRow r = row("0E-8,1.5e3,-2.5E+2,12,1e,E5,1e1234,,7.25");
    assertEquals(0.0, r.scientificAt(0));
    assertEquals(1500.0, r.scientificAt(1));
    assertEquals(-250.0, r.scientificAt(2));
    assertEquals(12.0, r.scientificAt(3));
    for (int i = 4; i <= 7; i++) {
      assertTrue(Double.isNaN(r.scientificAt(i)), "field " + i);
    }
    assertTrue(Double.isNaN(r.decimalAt(0)), "a plain decimal has no exponent");
    assertTrue(r.emptyAt(7));
    assertFalse(r.emptyAt(8));
    assertEquals(7.25, r.scientificAt(8));
  }

  @Test
  void wholeNumbersRejectDecimalsAndOverflow() {
    CsvRow r = row("1681516800000,-5,1.0,,1234567890123456789,922337203685477580");
    assertEquals(1681516800000L, r.longAt(0));
    assertEquals(-5L, r.longAt(1));
    assertEquals(CsvRow.NOT_A_LONG, r.longAt(2));
    assertEquals(CsvRow.NOT_A_LONG, r.longAt(3));
    assertEquals(CsvRow.NOT_A_LONG, r.longAt(4));
    assertEquals(922337203685477580L, r.longAt(5));
  }

  @Test
  void booleansAreTrueOrFalseInAnyCase() {
    CsvRow r = row("true,False,TRUE,yes,1,truex");
    assertEquals(1, r.booleanAt(0));
    assertEquals(0, r.booleanAt(1));
    assertEquals(1, r.booleanAt(2));
    assertEquals(-1, r.booleanAt(3));
    assertEquals(-1, r.booleanAt(4));
    assertEquals(-1, r.booleanAt(5));
  }

  @Test
  void fieldsSplitTheSameAsStringSplitWhateverTheirPlaceInAWord() {
    Random random = new Random(5);
    String alphabet = ",,,-0123456789.-";
    for (int n = 0; n < 20_000; n++) {
      StringBuilder line = new StringBuilder();
      int len = random.nextInt(40);
      for (int j = 0; j < len; j++) {
        line.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      String text = line.toString();
      String[] expected = text.split(",", -1);
      CsvRow r = row(text);
      assertEquals(expected.length, r.count(), text);
      for (int f = 0; f < Math.min(expected.length, 16); f++) {
        String e = expected[f];
        boolean numeric = e.matches("-?(\\d+\\.?\\d*|\\.\\d+)");
        assertEquals(numeric, !Double.isNaN(r.decimalAt(f)), text + " field " + f);
        if (numeric) {
          assertEquals(Double.parseDouble(e), r.decimalAt(f), Math.abs(Double.parseDouble(e)) * 1e-15, text);
        }
      }
    }
  }

  @Test
  void moreThanSixteenFieldsAreCounted() {
    assertEquals(20, row("1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20").count());
  }

  /** Random line lengths and stingy reads put line ends at every offset of the buffer and of the 8-byte words. */
  @Test
  void linesSplitTheSameAsStringSplitAcrossBufferEdges() throws Exception {
    Random random = new Random(11);
    StringBuilder text = new StringBuilder();
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < 5000; i++) {
      int len = random.nextInt(60);
      StringBuilder line = new StringBuilder();
      for (int j = 0; j < len; j++) {
        line.append((char) ('a' + random.nextInt(26)));
      }
      expected.add(line.toString());
      text.append(line).append('\n');
    }
    byte[] bytes = text.toString().getBytes(StandardCharsets.US_ASCII);
    InputStream stingy = new ByteArrayInputStream(bytes) {
      @Override
      public synchronized int read(byte[] b, int off, int len) {
        return super.read(b, off, Math.min(len, 1 + random.nextInt(37)));
      }
    };
    List<String> seen = new ArrayList<>();
    LineReader reader = new LineReader(128, 64);
    reader.read(stingy, (buf, start, end, number) -> {
      assertEquals(seen.size() + 1, number);
      seen.add(new String(buf, start, end - start, StandardCharsets.US_ASCII));
    }, () -> false);
    assertEquals(expected, seen);
  }

  @Test
  void aLastLineWithoutNewlineIsRead() throws IOException, ScanFailure {
    List<String> seen = new ArrayList<>();
    new LineReader(128, 64).read(new ByteArrayInputStream("a,b\nc,d".getBytes(StandardCharsets.US_ASCII)),
        (buf, start, end, number) -> seen.add(new String(buf, start, end - start, StandardCharsets.US_ASCII)), () -> false);
    assertEquals(List.of("a,b", "c,d"), seen);
  }
}
