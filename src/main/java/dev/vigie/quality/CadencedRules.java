package dev.vigie.quality;

import dev.vigie.vision.ArchiveName;

/**
 * Rules of a data type with a fixed cadence (klines, funding rates, metrics): its {@link Cadence} counts the slots
 * present and expected in the period, and answers for the scan's coverage and gaps.
 */
abstract class CadencedRules extends RowRules {
  protected final Cadence cadence;

  protected CadencedRules(ArchiveName name, ScanTally tally, int fixedColumns) {
    super(name, tally, fixedColumns);
    this.cadence = new Cadence(tally);
  }

  @Override
  public void finish() {
    cadence.finish();
  }

  @Override
  public long expected() {
    return cadence.expected();
  }

  @Override
  public long present() {
    return cadence.present();
  }
}
