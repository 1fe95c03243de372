package dev.vigie.coverage;

import dev.vigie.vision.ArchiveSpec;
import dev.vigie.vision.BucketListing;
import dev.vigie.vision.VisionPath;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * What the listing says of one series (a symbol of a type, with its interval) between two dates: the archives
 * published, and the days (or months) missing between the first and the last of them, which are absent upstream. A
 * day before the first or after the last is not called absent: the series had not started, or it is not out yet.
 */
record SeriesListing(List<ArchiveSpec> listed, List<ArchiveSpec> absent) {

  static SeriesListing of(ExpandRequest request, String symbol, List<BucketListing.Entry> keys) {
    TreeMap<LocalDate, ArchiveSpec> published = new TreeMap<>();
    for (BucketListing.Entry entry : keys) {
      if (!entry.key().endsWith(".zip")) {
        continue;
      }
      ArchiveSpec spec;
      try {
        spec = VisionPath.parse(entry.key());
      } catch (IllegalArgumentException e) {
        continue;
      }
      boolean ours = spec.symbol().equals(symbol) && spec.dataType() == request.dataType()
          && spec.interval() == request.interval() && spec.period() == request.period();
      if (ours && !spec.start().isBefore(request.from()) && !spec.start().isAfter(request.to())) {
        published.put(spec.start(), spec);
      }
    }
    List<ArchiveSpec> absent = new ArrayList<>();
    if (!published.isEmpty()) {
      for (LocalDate day = published.firstKey(); day.isBefore(published.lastKey());
          day = day.plus(1, request.period().unit())) {
        if (!published.containsKey(day)) {
          absent.add(new ArchiveSpec(request.market(), request.period(), request.dataType(), symbol,
              request.interval(), request.period().format(day)));
        }
      }
    }
    return new SeriesListing(List.copyOf(published.values()), absent);
  }

  /** The listed archives as runs of consecutive dates, each at most {@code chunk} long: one download request each. */
  List<List<ArchiveSpec>> runs(int chunk) {
    List<List<ArchiveSpec>> runs = new ArrayList<>();
    List<ArchiveSpec> run = new ArrayList<>();
    for (ArchiveSpec spec : listed) {
      boolean follows = !run.isEmpty() && run.get(run.size() - 1).end().equals(spec.start());
      if (!run.isEmpty() && (!follows || run.size() == chunk)) {
        runs.add(run);
        run = new ArrayList<>();
      }
      run.add(spec);
    }
    if (!run.isEmpty()) {
      runs.add(run);
    }
    return runs;
  }
}
