package dev.vigie.bus;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A set of words looked for in text in one pass, ignoring ASCII case as {@code Pattern.CASE_INSENSITIVE} does: no
 * regular expression, no copy of the text. {@link SecretRedactor} asks it whether a text can hold anything its
 * patterns would mask before running them, so that ordinary text (nearly all of it) costs one scan.
 */
final class AsciiWords {
  /** The words by their first character, lower case. */
  private final String[][] byFirst = new String[128][];

  /** @param words printable ASCII, any case */
  AsciiWords(String... words) {
    List<List<String>> lists = new ArrayList<>();
    for (int i = 0; i < 128; i++) {
      lists.add(new ArrayList<>());
    }
    for (String word : words) {
      String lower = word.toLowerCase(Locale.ROOT);
      if (lower.isEmpty() || lower.chars().anyMatch(c -> c < 0x20 || c > 0x7e)) {
        throw new IllegalArgumentException("not a printable ASCII word: '" + word + "'");
      }
      lists.get(lower.charAt(0)).add(lower);
    }
    for (int i = 0; i < 128; i++) {
      byFirst[i] = lists.get(i).isEmpty() ? null : lists.get(i).toArray(String[]::new);
    }
  }

  /** Whether {@code text} contains one of the words, ASCII letters compared without case. */
  boolean foundIn(String text) {
    int n = text.length();
    for (int i = 0; i < n; i++) {
      char c = lower(text.charAt(i));
      String[] words = c < 128 ? byFirst[c] : null;
      if (words != null) {
        for (String word : words) {
          if (at(text, i, word)) {
            return true;
          }
        }
      }
    }
    return false;
  }

  private static boolean at(String text, int from, String word) {
    if (from + word.length() > text.length()) {
      return false;
    }
    for (int j = 1; j < word.length(); j++) {
      if (lower(text.charAt(from + j)) != word.charAt(j)) {
        return false;
      }
    }
    return true;
  }

  private static char lower(char c) {
    return c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
  }
}
