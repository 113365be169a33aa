package io.arbiter.scheme;

import java.util.List;

/** A scheme document that cannot be loaded; lists every problem found. */
public final class SchemeException extends RuntimeException {
  private final List<String> problems;

  public SchemeException(List<String> problems) {
    super("invalid scheme: " + String.join("; ", problems));
    this.problems = List.copyOf(problems);
  }

  /** Every problem, each naming the record and field. */
  public List<String> problems() {
    return problems;
  }
}
