package io.arbiter.engine;

/**
 * One thing wrong with a request.
 *
 * @param field JSON pointer of the offending field, e.g. {@code /items/0/qtyProvided}
 * @param detail what is wrong, for a person
 * @param missing true when the field is absent (a malformed request rather than a refused one)
 */
public record Problem(String field, String detail, boolean missing) {

  static Problem missing(String field) {
    return new Problem(field, "is required", true);
  }

  static Problem invalid(String field, String detail) {
    return new Problem(field, detail, false);
  }
}
