package io.arbiter.input;

/**
 * A body {@link InputGate} refused, with the first offending place. Every message is in Arbiter's
 * own words: it never names a library's classes, settings or error codes.
 */
public final class InputRefusal extends RuntimeException {
  private final boolean malformed;
  private final String field;
  private final String detail;

  InputRefusal(boolean malformed, String field, String detail) {
    super((field.isEmpty() ? "the document" : field) + " " + detail);
    this.malformed = malformed;
    this.field = field;
    this.detail = detail;
  }

  /**
   * True when the body cannot be read as a JSON document within the limits (bytes that are not
   * UTF-8, a syntax error, nesting too deep, a duplicate key, a number too long): the request is
   * malformed (400). False when it is JSON but a value is out of bounds (a string too long or with
   * a NUL or an unpaired surrogate, a number of absurd magnitude): the value is refused (422).
   */
  public boolean malformed() {
    return malformed;
  }

  /** JSON pointer of the offending value ({@code ""}: the document itself, e.g. a byte that is not UTF-8). */
  public String field() {
    return field;
  }

  /** What is wrong there, for a person. */
  public String detail() {
    return detail;
  }
}
