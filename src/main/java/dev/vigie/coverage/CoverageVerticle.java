package dev.vigie.coverage;

import dev.vigie.bus.CoverageBus;
import dev.vigie.bus.DownloadBus;
import dev.vigie.bus.Failures;
import dev.vigie.bus.HealthBus;
import dev.vigie.bus.QualityBus;
import dev.vigie.bus.Refusal;
import dev.vigie.bus.StoreBus;
import dev.vigie.vision.ArchiveSpec;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The coverage area: keeps the ledger of every Binance Vision archive Vigie knows of (absent upstream, listed, queued,
 * verified, failed, re-published; quality score and gaps) in the store ({@link StoreBus#COVERAGE_SAVE}), fed by what
 * the download and quality areas publish and by the source's listing, which it reads ({@link UpstreamListing}) to
 * expand a request to what is published and fetch it ({@link CoverageBus#EXPAND}). Answers ledger questions
 * ({@link CoverageBus#QUERY}) from the store. Changes are saved one batch after the other, in the order the facts came.
 */
public final class CoverageVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger("coverage");
  private static final String AREA = "coverage";
  /** Ledger rows per store request. */
  private static final int SAVE_BATCH = 500;
  /** Absent keys an expansion's reply names (the ledger has them all). */
  private static final int ABSENT_KEYS_SHOWN = 1000;

  private CoverageSettings settings;
  /** Kept in a field: an unreferenced client is closed by the garbage collector mid-request. */
  private HttpClient client;
  private UpstreamListing listing;
  private Future<?> saving = Future.succeededFuture();

  @Override
  public Future<?> start() {
    try {
      settings = CoverageSettings.from(config());
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(e);
    }
    client = vertx.createHttpClient(new HttpClientOptions().setConnectTimeout(10_000));
    listing = new UpstreamListing(client, settings);
    var bus = vertx.eventBus();
    List<MessageConsumer<?>> consumers = List.of(
        bus.<JsonObject>localConsumer(DownloadBus.DONE, m -> save(LedgerChanges.downloaded(m.body()))),
        bus.<JsonObject>localConsumer(DownloadBus.FAILED, m -> save(LedgerChanges.failed(m.body()))),
        bus.<JsonObject>localConsumer(DownloadBus.REPUBLISHED,
            m -> save(LedgerChanges.republished(m.body(), System.currentTimeMillis()))),
        bus.<JsonObject>localConsumer(QualityBus.REPORTED, m -> save(LedgerChanges.scored(m.body()))),
        bus.<JsonObject>consumer(CoverageBus.QUERY, this::onQuery),
        bus.<JsonObject>consumer(CoverageBus.EXPAND, this::onExpand),
        HealthBus.answerPings(bus, AREA));
    return Future.all(consumers.stream().map(MessageConsumer::completion).toList());
  }

  @Override
  public Future<?> stop() {
    return saving.transform(v -> client.close());
  }

  private void onQuery(Message<JsonObject> msg) {
    JsonObject query;
    try {
      query = CoverageQuery.from(msg.body(), settings);
    } catch (Refusal refusal) {
      refusal.failReply(msg);
      return;
    }
    Failures.replyWhenDone(msg, vertx.eventBus().<JsonObject>request(StoreBus.COVERAGE_QUERY, query)
        .map(Message::body));
  }

  private void onExpand(Message<JsonObject> msg) {
    ExpandRequest request;
    try {
      request = ExpandRequest.from(msg.body(), LocalDate.now(ZoneOffset.UTC));
    } catch (Refusal refusal) {
      refusal.failReply(msg);
      return;
    }
    Failures.replyWhenDone(msg, expand(request));
  }

  /** Lists the request's symbols, then each series in turn: ledger rows for what is listed and absent, then fetches. */
  private Future<JsonObject> expand(ExpandRequest request) {
    JsonObject summary = new JsonObject().put("symbols", 0).put("listed", 0).put("absent", 0).put("queued", 0)
        .put("cached", 0).put("absentKeys", new JsonArray()).put("refused", new JsonArray());
    Future<List<String>> symbols = request.everySymbol()
        ? listing.list(request.typePrefix(), "/").map(listed -> symbols(listed.prefixes(), request.typePrefix()))
        : Future.succeededFuture(List.of(request.symbol()));
    return symbols.compose(list -> {
      summary.put("symbols", list.size());
      Future<Void> chain = Future.succeededFuture();
      for (String symbol : list) {
        chain = chain.compose(v -> series(request, symbol, summary));
      }
      return chain;
    }).map(v -> summary);
  }

  private static List<String> symbols(List<String> prefixes, String typePrefix) {
    List<String> symbols = new ArrayList<>();
    for (String prefix : prefixes) {
      String symbol = prefix.substring(typePrefix.length()).replace("/", "");
      if (!symbol.isEmpty()) {
        symbols.add(symbol);
      }
    }
    return symbols;
  }

  private Future<Void> series(ExpandRequest request, String symbol, JsonObject summary) {
    return listing.list(request.seriesPrefix(symbol), null).compose(listed -> {
      SeriesListing series = SeriesListing.of(request, symbol, listed.keys());
      summary.put("listed", summary.getInteger("listed") + series.listed().size())
          .put("absent", summary.getInteger("absent") + series.absent().size());
      List<JsonObject> rows = new ArrayList<>();
      series.listed().forEach(spec -> entry(spec).map(LedgerChanges::listed).ifPresent(rows::add));
      series.absent().forEach(spec -> {
        entry(spec).map(LedgerChanges::absent).ifPresent(rows::add);
        JsonArray shown = summary.getJsonArray("absentKeys");
        if (shown.size() < ABSENT_KEYS_SHOWN) {
          shown.add(spec.key());
        }
      });
      Future<?> saved = saveAll(rows);
      if (!request.fetch()) {
        return saved.mapEmpty();
      }
      Future<Void> chain = saved.mapEmpty();
      for (List<ArchiveSpec> run : series.runs(settings.fetchChunk())) {
        chain = chain.compose(v -> fetch(symbol, run, summary));
      }
      return chain;
    });
  }

  /** Asks the downloader for one run of consecutive archives; records what it queued and what the cache had. */
  private Future<Void> fetch(String symbol, List<ArchiveSpec> run, JsonObject summary) {
    ArchiveSpec first = run.get(0);
    JsonObject ask = first.downloadRequest();
    if (run.size() > 1) {
      ask.remove("date");
      ask.put("from", first.date()).put("to", run.get(run.size() - 1).date());
    }
    return vertx.eventBus().<JsonObject>request(DownloadBus.REQUEST, ask).transform(ar -> {
      if (ar.failed()) {
        JsonObject why = Failures.bodyOf(ar.cause());
        summary.getJsonArray("refused").add(new JsonObject().put("symbol", symbol).put("from", first.date())
            .put("to", run.get(run.size() - 1).date()).put("error", why.getString("error"))
            .put("message", why.getString("message")));
        return Future.succeededFuture();
      }
      List<JsonObject> rows = new ArrayList<>();
      JsonObject reply = ar.result().body();
      for (Object queued : reply.getJsonArray("queued", new JsonArray())) {
        LedgerChanges.entry(((JsonObject) queued).getString("key")).map(LedgerChanges::queued).ifPresent(rows::add);
      }
      for (Object cached : reply.getJsonArray("cached", new JsonArray())) {
        LedgerChanges.entry((String) cached).map(LedgerChanges::cached).ifPresent(rows::add);
      }
      summary.put("queued", summary.getInteger("queued") + reply.getJsonArray("queued", new JsonArray()).size())
          .put("cached", summary.getInteger("cached") + reply.getJsonArray("cached", new JsonArray()).size());
      return saveAll(rows).mapEmpty();
    });
  }

  private static Optional<JsonObject> entry(ArchiveSpec spec) {
    return LedgerChanges.entry(spec.key());
  }

  private void save(Optional<JsonObject> change) {
    change.ifPresent(row -> saveAll(List.of(row)));
  }

  /**
   * Saves rows after every save asked before (the ledger follows the facts in their order), in batches; the future
   * never fails. A save the store refuses (its database down) is logged and lost: the next fact about the archive
   * sets it again.
   */
  private Future<?> saveAll(List<JsonObject> rows) {
    for (int from = 0; from < rows.size(); from += SAVE_BATCH) {
      JsonArray batch = new JsonArray(new ArrayList<>(rows.subList(from, Math.min(rows.size(), from + SAVE_BATCH))));
      saving = saving.transform(v -> vertx.eventBus().request(StoreBus.COVERAGE_SAVE, new JsonObject().put("rows", batch))
          .onFailure(e -> LOG.warn("coverage_save_failed {} rows: {}", batch.size(), e.getMessage()))
          .otherwiseEmpty());
    }
    return saving;
  }
}
