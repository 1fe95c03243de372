package dev.vigie.bus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The one reader of numbers and flags in requests, on the raw values the JSON decoder really produces. */
class RequestFieldTest {
  private static JsonObject parsed(String json) {
    return Buffer.buffer(json).toJsonObject();
  }

  private static void refused(String json, String why) {
    Refusal r = assertThrows(Refusal.class, () -> RequestField.whole(parsed(json), "n", -1, 0, Long.MAX_VALUE), json);
    assertEquals("BAD_PARAMETER", r.code());
    assertEquals("n", r.field());
    assertTrue(r.getMessage().startsWith("n: "), r.getMessage());
    assertTrue(r.getMessage().contains(why), json + ": " + r.getMessage());
  }

  @Test
  void wholeNumbersAreCheckedOnWhatTheClientWrote() {
    assertEquals(Long.MAX_VALUE, RequestField.whole(parsed("{\"n\": 9223372036854775807}"), "n", -1, 0, Long.MAX_VALUE));
    assertEquals(3, RequestField.whole(parsed("{\"n\": 3.0}"), "n", -1, 0, 10));
    assertEquals(1000, RequestField.whole(parsed("{\"n\": 1e3}"), "n", -1, 0, 10_000));
    assertEquals(7, RequestField.whole(parsed("{}"), "n", 7, 0, 10));
    assertEquals(7, RequestField.whole(parsed("{\"n\": null}"), "n", 7, 0, 10));
    refused("{\"n\": 18446744073709551616}", "between 0 and");
    refused("{\"n\": 18446744073709551619}", "between 0 and");
    refused("{\"n\": 9223372036854775808}", "between 0 and");
    refused("{\"n\": 1e19}", "integer");
    refused("{\"n\": 1e400}", "n: ");
    refused("{\"n\": 2.5}", "whole number");
    refused("{\"n\": 0.1}", "whole number");
    refused("{\"n\": -1}", "between 0 and");
    refused("{\"n\": \"12\"}", "the string '12'");
    refused("{\"n\": true}", "number");
    refused("{\"n\": [1]}", "number");
    refused("{\"n\": 9007199254740993.0}", "integer");
  }

  @Test
  void intRangesAreEnforcedBeforeAnyNarrowing() {
    Refusal r = assertThrows(Refusal.class, () -> RequestField.whole(4294967297L, "connections", 1, 64));
    assertTrue(r.getMessage().contains("between 1 and 64, not 4294967297"), r.getMessage());
  }

  @Test
  void decimalsMustBeFiniteAndInRange() {
    assertEquals(2.5, RequestField.decimal(parsed("{\"r\": 2.5}"), "r", 0, 0, 10));
    assertEquals(1.0, RequestField.decimal(parsed("{}"), "r", 1.0, 0, 10));
    for (Object bad : List.of(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 11, -0.5, "3")) {
      JsonObject json = new JsonObject().put("r", bad);
      Refusal r = assertThrows(Refusal.class, () -> RequestField.decimal(json, "r", 0, 0, 10), String.valueOf(bad));
      assertEquals("r", r.field());
    }
    assertThrows(Refusal.class, () -> RequestField.decimal(parsed("{\"r\": 1e400}"), "r", 0, 0, Double.MAX_VALUE));
  }

  @Test
  void flagsAreBooleansOnly() {
    assertEquals(true, RequestField.flag(parsed("{\"all\": true}"), "all", false));
    assertEquals(false, RequestField.flag(parsed("{}"), "all", false));
    for (String bad : List.of("\"true\"", "1", "0", "\"yes\"")) {
      assertThrows(Refusal.class, () -> RequestField.flag(parsed("{\"all\": " + bad + "}"), "all", false), bad);
    }
    assertEquals(true, RequestField.flagParam("true", "history", false));
    assertEquals(false, RequestField.flagParam(null, "history", false));
    for (String bad : List.of("", "TRUE", "1", "yes", "true ")) {
      assertThrows(Refusal.class, () -> RequestField.flagParam(bad, "history", false), bad);
    }
  }

  @Test
  void queryNumbersAreDigitsInRange() {
    assertEquals(50, RequestField.wholeParam("50", "limit", 10, 1, 100));
    assertEquals(10, RequestField.wholeParam(null, "limit", 10, 1, 100));
    for (String bad : List.of("", " 5", "5 ", "1e2", "2.0", "0x10", "101", "0", "-1", "18446744073709551616",
        "9".repeat(5000))) {
      Refusal r = assertThrows(Refusal.class, () -> RequestField.wholeParam(bad, "limit", 10, 1, 100), bad);
      assertEquals("limit", r.field());
    }
  }
}
