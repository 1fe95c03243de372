package dev.vigie.bus;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;

/**
 * Rendezvous (highest-random-weight) hashing: a key is owned by the member whose weight for that key is highest.
 * Every member computes the same owner from the same member list, with no coordination; when a member joins, only
 * the keys it now wins move to it, and when one leaves, only its keys move (each to its runner-up).
 */
public final class RendezvousHash {
  private RendezvousHash() {
  }

  /** The member that owns {@code key} among {@code members}, or null when there is none. */
  public static String owner(String key, Collection<String> members) {
    String best = null;
    long bestWeight = 0;
    for (String member : members) {
      long weight = weight(key, member);
      // Ties (astronomically rare) go to the smaller id, so every member still agrees.
      if (best == null || Long.compareUnsigned(weight, bestWeight) > 0
          || (weight == bestWeight && member.compareTo(best) < 0)) {
        best = member;
        bestWeight = weight;
      }
    }
    return best;
  }

  /** The keys among {@code keys} that {@code member} owns. */
  public static List<String> ownedBy(String member, Collection<String> keys, Collection<String> members) {
    return keys.stream().filter(key -> member.equals(owner(key, members))).toList();
  }

  /** A well-mixed 64-bit weight of the pair (FNV-1a over both strings, then a murmur3 finalizer). */
  static long weight(String key, String member) {
    long hash = 0xcbf29ce484222325L;
    hash = fnv(hash, key.getBytes(StandardCharsets.UTF_8));
    hash = fnv(hash ^ 0xff, member.getBytes(StandardCharsets.UTF_8));
    hash ^= hash >>> 33;
    hash *= 0xff51afd7ed558ccdL;
    hash ^= hash >>> 33;
    hash *= 0xc4ceb9fe1a85ec53L;
    hash ^= hash >>> 33;
    return hash;
  }

  private static long fnv(long hash, byte[] bytes) {
    for (byte b : bytes) {
      hash ^= b & 0xff;
      hash *= 0x100000001b3L;
    }
    return hash;
  }
}
