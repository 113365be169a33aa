package io.arbiter.fhir;

import io.arbiter.engine.ArbiterException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.StringType;

/**
 * A FHIR request refused: the HTTP status (4xx, or 503 past the time budget) and the {@link OperationOutcome} that says
 * why, one issue per problem, each pointing at the offending element by FHIRPath.
 */
final class FhirException extends RuntimeException {
  private final int status;
  private final transient List<Issue> issues;

  /** One problem: what is wrong, and where (a FHIRPath such as {@code Claim.item[1].quantity}; may be null). */
  record Issue(IssueType type, String diagnostics, String expression) {}

  FhirException(int status, String message, List<Issue> issues) {
    super(message);
    this.status = status;
    this.issues = List.copyOf(issues);
  }

  static FhirException of(int status, IssueType type, String diagnostics, String expression) {
    return new FhirException(status, diagnostics, List.of(new Issue(type, diagnostics, expression)));
  }

  /**
   * The engine's refusal in FHIR terms, with the same statuses as {@code /v1} (MALFORMED 400,
   * INVALID 422, NOT_FOUND 404, CONFLICT 409); {@code where} turns an engine field pointer
   * ({@code /items/0/itemCode}) into the FHIRPath of the element it came from.
   */
  static FhirException of(ArbiterException e, UnaryOperator<String> where) {
    int status;
    IssueType type;
    switch (e.kind()) {
      case MALFORMED -> { status = 400; type = IssueType.REQUIRED; }
      case INVALID -> { status = 422; type = IssueType.BUSINESSRULE; }
      case NOT_FOUND -> { status = 404; type = IssueType.NOTFOUND; }
      case CONFLICT -> { status = 409; type = IssueType.CONFLICT; }
      default -> throw new IllegalStateException("unknown kind " + e.kind());
    }
    List<Issue> issues = new ArrayList<>();
    e.problems().forEach(p -> issues.add(new Issue(p.missing() ? IssueType.REQUIRED : type, p.detail(),
        where.apply(p.field()))));
    if (issues.isEmpty()) {
      issues.add(new Issue(type, e.getMessage(), null));
    }
    return new FhirException(status, e.getMessage(), issues);
  }

  int status() {
    return status;
  }

  OperationOutcome outcome() {
    OperationOutcome outcome = new OperationOutcome();
    for (Issue issue : issues) {
      OperationOutcome.OperationOutcomeIssueComponent c = outcome.addIssue()
          .setSeverity(IssueSeverity.ERROR).setCode(issue.type()).setDiagnostics(issue.diagnostics());
      if (issue.expression() != null) {
        c.setExpression(List.of(new StringType(issue.expression())));
      }
    }
    return outcome;
  }
}
