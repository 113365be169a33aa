package io.arbiter.scheme;

import java.util.List;
import java.util.stream.Collectors;

/** A scheme document that cannot be loaded; lists every problem found. */
public final class SchemeException extends RuntimeException {
  private final List<SchemeProblem> problems;

  public SchemeException(List<SchemeProblem> problems) {
    super("invalid scheme: " + problems.stream().map(SchemeProblem::toString).collect(Collectors.joining("; ")));
    this.problems = List.copyOf(problems);
  }

  /** Every problem, each naming the field by JSON pointer. */
  public List<SchemeProblem> problems() {
    return problems;
  }
}
