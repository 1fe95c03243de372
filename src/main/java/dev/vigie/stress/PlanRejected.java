package dev.vigie.stress;

import dev.vigie.bus.Failures;

/** Why a requested run cannot start: an HTTP status, a stable code and a sentence that names the field. */
public final class PlanRejected extends Exception {
  private final int status;
  private final String code;

  PlanRejected(int status, String code, String message) {
    super(message, null, false, false);
    this.status = status;
    this.code = code;
  }

  static PlanRejected badParameter(String field, String problem) {
    return new PlanRejected(Failures.BAD_REQUEST, "BAD_PARAMETER", field + ": " + problem);
  }

  public int status() {
    return status;
  }

  public String code() {
    return code;
  }
}
