package io.arbiter.engine;

import java.util.List;

/**
 * A request the engine refuses, with every problem found. {@link #kind()} tells the caller how to
 * answer (the HTTP layer maps it to a status); nothing was stored.
 */
public final class ArbiterException extends RuntimeException {

  /** Why the request is refused. */
  public enum Kind {
    /** Required fields are absent. */
    MALFORMED,
    /** Entry errors of docs/adjudication.md §4.0 or invalid values. */
    INVALID,
    /** The claim does not exist. */
    NOT_FOUND,
    /** The request conflicts with the claim's state (reused code, wrong status). */
    CONFLICT
  }

  private final Kind kind;
  private final List<Problem> problems;

  public ArbiterException(Kind kind, String message, List<Problem> problems) {
    super(message);
    this.kind = kind;
    this.problems = List.copyOf(problems);
  }

  /** The claim does not exist. */
  public static ArbiterException notFound(String claimCode) {
    return new ArbiterException(Kind.NOT_FOUND, "claim " + claimCode + " does not exist", List.of());
  }

  static ArbiterException conflict(String message, String field) {
    return new ArbiterException(Kind.CONFLICT, message, List.of(Problem.invalid(field, message)));
  }

  public Kind kind() {
    return kind;
  }

  public List<Problem> problems() {
    return problems;
  }
}
