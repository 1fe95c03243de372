package dev.vigie.bus;

/**
 * Coverage addresses: the ledger of every Binance Vision archive Vigie knows of, per market, data type, symbol,
 * interval and day (or month), and what is published upstream (see docs/coverage.md).
 */
public final class CoverageBus {
  private CoverageBus() {
  }

  /**
   * Request-reply: {@code {market?, dataType?, symbol?, interval?, period?, state?, from?, to?, limit?, cursor?}}
   * (strings or numbers); replies {@code {items: [entry], next: cursor|null, counts: {state: n}}} in key order. Fails
   * 400 {@code BAD_PARAMETER} naming the field, 503 {@code STORE_DOWN}.
   */
  public static final String QUERY = "vigie.coverage.query";
  /**
   * Request-reply: {@code {market, period, dataType, symbol (or "*": every symbol listed), interval?, from?, to?,
   * fetch?}}: lists what the source publishes for it (S3 listing, every page), records each archive as listed and
   * each day (or month) missing between the first and last one listed as absent upstream, and with {@code fetch:
   * true} asks the downloader for the listed archives; replies {@code {symbols, listed, absent, queued, cached, absentKeys:
   * [key] (the first 1,000), refused: [{symbol, from, to, error, message}]}}. Fails 400 naming the field, 503
   * {@code LISTING_FAILED} when the listing does not answer.
   */
  public static final String EXPAND = "vigie.coverage.expand";
}
