package dev.vigie.download;

/** A download request refused because of one field; the message names it. */
public final class BadField extends IllegalArgumentException {
  private final String field;

  public BadField(String field, String message) {
    super(field + ": " + message);
    this.field = field;
  }

  public String field() {
    return field;
  }
}
