package io.arbiter.rules;

import java.util.List;

/** A ruleset that cannot be built; {@link #errors()} has file, line, column and Drools' message. */
public final class RuleSetException extends RuntimeException {
  private final List<String> errors;

  public RuleSetException(String message, List<String> errors) {
    super(errors.isEmpty() ? message : message + ":\n  " + String.join("\n  ", errors));
    this.errors = List.copyOf(errors);
  }

  public List<String> errors() {
    return errors;
  }
}
