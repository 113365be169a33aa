package io.arbiter.scheme;

/**
 * One thing wrong with a scheme document.
 *
 * @param field JSON pointer of the offending field, e.g. {@code /policies/3/productCode}
 * @param detail what is wrong, for a person
 */
public record SchemeProblem(String field, String detail) {

  @Override
  public String toString() {
    return field + ": " + detail;
  }
}
