package dev.vigie.bus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The one-pass scan that spares ordinary text the redaction patterns never spares a text the patterns would change:
 * every secret shape the patterns catch is still caught, on a corpus of shapes and on random text built from the
 * patterns' own pieces. The key test holds the word list to the regular expression it replaced.
 */
class SecretRedactorPrefilterTest {
  private static final String MASK = SecretRedactor.MASK;
  /** The expression sensitive keys were matched with before {@link AsciiWords} took its place. */
  private static final Pattern OLD_SENSITIVE_KEY = Pattern.compile(
      "(?i).*(token|passw|pwd|secret|api[_-]?key|apikey|authorization|cookie|credential|private[_-]?key|session|signature).*");

  /** Secret shapes the patterns catch: URLs, query values, scheme credentials, pairs, in several cases. */
  private static final List<String> SHAPES = List.of(
      "https://user:pw@host.example/x?symbol=BTCUSDT&token=abc#frag",
      "GET http://h/x?key=zz failed",
      "wss://h:443/p?sig=deadbeef",
      "HTTPS://U:P@H/?KEY=1",
      "ftp://anonymous:me@files/",
      "/a?token=xyz&b=1",
      "/a?b=1&apiKey=xyz",
      "?code=abc123",
      ";session_id=s1",
      "&X-Auth-Key=a1",
      "&credentials=c",
      "?PWD=p",
      "?passwd=p",
      "?Signature=s",
      "?auth=a",
      "Authorization: Bearer eyJhbGciOi.x",
      "authorization: BASIC dXNlcjpwYXNz",
      "bEaReR abcdef",
      "token 12345678abc",
      "TOKEN abc1defg",
      "password=hunter22",
      "Password: hunter22",
      "passwd = hunter22",
      "pwd:hunter22",
      "secret=s3cr3t",
      "SECRET: s3cr3t",
      "token=t0k3n",
      "api_key=k", "api-key: k", "apikey=k", "APIKEY=k",
      "access_key=ak", "access-key: ak", "AccessKey=ak",
      "login failed with password=pa55word for http://bob:hunter2@db.internal/");

  @Test
  void everyShapeThePatternsCatchIsStillCaught() {
    for (String shape : SHAPES) {
      String byPatterns = SecretRedactor.byPatterns(shape);
      assertNotEquals(shape, byPatterns, "the corpus holds secrets the patterns catch: " + shape);
      assertEquals(byPatterns, SecretRedactor.redactText(shape), shape);
      String inProse = "before " + shape + " after — ok";
      assertEquals(SecretRedactor.byPatterns(inProse), SecretRedactor.redactText(inProse), inProse);
    }
  }

  @Test
  void randomTextMadeOfThePatternsPiecesIsRedactedAsThePatternsDo() {
    String[] pieces = {"://", "http", "s", "x", "Y", "7", "?", "&", ";", "=", ":", " ", "  ", "@", "#", "/", ".", "-",
        "_", "\"", "'", "\n", "\t", ",", "}", "[redacted]", "token", "ToKeN", "key", "KEY", "secret", "passw", "PassWord",
        "pwd", "sig", "signature", "auth", "AUTH", "credential", "session", "code", "Code", "bearer", "Bearer", "basic",
        "api", "access", "apikey", "é", "—", "·", "\u212a", "\u017f", "\u0130", "ey", "oken", "ecret", "123456", "abcdef"};
    Random random = new Random(11);
    int changed = 0;
    for (int i = 0; i < 200_000; i++) {
      StringBuilder text = new StringBuilder();
      for (int n = random.nextInt(12); n >= 0; n--) {
        text.append(pieces[random.nextInt(pieces.length)]);
      }
      if (i % 2 == 1) {
        // Every other text: a secret shape with random pieces around it and inside it.
        String shape = SHAPES.get(random.nextInt(SHAPES.size()));
        int cut = random.nextInt(shape.length() + 1);
        text.insert(random.nextInt(text.length() + 1), shape.substring(0, cut) + pieces[random.nextInt(pieces.length)]
            + shape.substring(cut));
      }
      String s = text.toString();
      String byPatterns = SecretRedactor.byPatterns(s);
      if (!byPatterns.equals(s)) {
        changed++;
      }
      assertEquals(byPatterns, SecretRedactor.redactText(s), "text: " + s);
    }
    assertTrue(changed > 50_000, "the random texts gave the patterns something to mask: " + changed);
  }

  @Test
  void textWithNoneOfTheWordsIsReturnedAsIs() {
    String plain = "x".repeat(200) + " latency 12 ms — ok · 99.9 % é";
    assertTrue(plain == SecretRedactor.redactText(plain), "no copy of ordinary text");
  }

  @Test
  void keysThePatternCalledSensitiveStillAre() {
    String[] pieces = {"x", "Y", "-", "_", ".", " ", "\n", "token", "TOKEN", "passw", "pwd", "secret", "api", "key", "Key",
        "apikey", "authorization", "cookie", "credential", "private", "session", "signature", "access", "\u212a"};
    Random random = new Random(7);
    for (int i = 0; i < 100_000; i++) {
      StringBuilder key = new StringBuilder();
      for (int n = random.nextInt(6); n >= 0; n--) {
        key.append(pieces[random.nextInt(pieces.length)]);
      }
      String k = key.toString();
      boolean old = OLD_SENSITIVE_KEY.matcher(k).matches();
      JsonObject redacted = SecretRedactor.redact(new JsonObject().put(k, "v4lue"));
      if (old) {
        assertEquals(MASK, redacted.getString(k), "key: " + k);
      }
      if (!k.contains("\n")) {
        // The expression's dots stopped at a line break; the words do not: only there may the two differ.
        assertEquals(old, MASK.equals(redacted.getString(k)), "key: " + k);
      }
    }
    for (String k : List.of("X-Api-Key", "sessionId", "Cookie", "private-key", "PRIVATE_KEY", "clientSecret", "pwd")) {
      assertEquals(MASK, SecretRedactor.redact(new JsonObject().put(k, "v")).getString(k), k);
    }
  }
}
