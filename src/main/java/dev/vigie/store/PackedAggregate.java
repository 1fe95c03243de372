package dev.vigie.store;

import java.util.Map;

/**
 * A {@link ResultAggregate} kept in memory between questions ({@link SettledHistory}): its sums, and its histogram
 * as HdrHistogram's plain V2 encoding (a few bytes per non-empty bucket) rather than a counts array of about 16 KB.
 * {@code total} 0 means no result.
 */
record PackedAggregate(String kind, long total, long failures, Map<String, Long> reasons, double max, byte[] histogram) {
}
