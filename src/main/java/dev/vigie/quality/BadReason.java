package dev.vigie.quality;

/** Why a row is not valid; a row counts under the first reason found. */
public enum BadReason {
  /** Not the column count of its data type and market. */
  COLUMN_COUNT,
  /** A numeric field is empty or not a plain decimal number. */
  NOT_NUMERIC,
  /** A boolean field is neither true nor false. */
  NOT_BOOLEAN,
  /** A timestamp in the other unit (ms vs µs) than the file's first row. */
  UNIT_MISMATCH,
  /** The timestamp (klines) or id (trades) goes backwards. */
  OUT_OF_ORDER,
  /** The same open time (klines) or id (trades) as the row before. */
  DUPLICATE,
  /** A trade's time goes backwards while its id goes forwards. */
  TIME_DECREASING,
  /** The timestamp falls outside the day or month the file name gives. */
  OUTSIDE_PERIOD,
  /** low above open or close, or high below them. */
  OHLC_INCONSISTENT,
  /** A volume, quantity or count below zero, or a price not above zero. */
  NEGATIVE_VALUE,
  /** close_time not after open_time. */
  CLOSE_NOT_AFTER_OPEN,
  /** An aggregate trade whose first trade id is above its last. */
  TRADE_RANGE_INVERTED,
  /** A best bid above the best ask (bookTicker, EOHSummary). */
  BID_ABOVE_ASK,
  /** A value outside its documented range: funding interval hours, a book depth level, an hour of the day. */
  OUT_OF_RANGE,
  /** A word field that is none of its documented values (a liquidation's side). */
  UNKNOWN_VALUE,
  /** A symbol column that is not the symbol the file name gives. */
  SYMBOL_MISMATCH,
  /** A liquidation whose fills exceed its order (last fill above accumulated, accumulated above original). */
  FILL_EXCEEDS_ORDER,
  /** bookDepth: a wider level of one snapshot and side holding less depth than a narrower one. */
  DEPTH_NOT_CUMULATIVE;
}
