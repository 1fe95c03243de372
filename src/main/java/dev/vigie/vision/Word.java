package dev.vigie.vision;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** A word of the Binance Vision vocabulary, spelled as Binance writes it in requests and paths. */
interface Word {
  String wire();

  static <W extends Word> Optional<W> find(W[] words, String wire) {
    return Arrays.stream(words).filter(word -> word.wire().equals(wire)).findFirst();
  }

  static List<String> wires(Word[] words) {
    return Arrays.stream(words).map(Word::wire).toList();
  }
}
