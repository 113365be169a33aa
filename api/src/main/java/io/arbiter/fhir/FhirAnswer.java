package io.arbiter.fhir;

import org.hl7.fhir.r4.model.OperationOutcome.IssueType;

/**
 * A FHIR answer already written: its HTTP status, the resource as FHIR JSON (a ClaimResponse, a
 * Claim, the CapabilityStatement, or the OperationOutcome of a refusal) and the Location of a
 * created resource (null otherwise). Immutable.
 */
public record FhirAnswer(int status, String json, String location) {

  /** The kind of a refusal, as the OperationOutcome's issue code says it. */
  public enum Issue {
    INVALID(IssueType.INVALID),
    NOT_SUPPORTED(IssueType.NOTSUPPORTED),
    TOO_LONG(IssueType.TOOLONG),
    NOT_FOUND(IssueType.NOTFOUND),
    TRANSIENT(IssueType.TRANSIENT),
    EXCEPTION(IssueType.EXCEPTION),
    LOGIN(IssueType.LOGIN),
    FORBIDDEN(IssueType.FORBIDDEN);

    private final IssueType type;

    Issue(IssueType type) {
      this.type = type;
    }
  }

  /** A refusal: an OperationOutcome of one issue, with the status given. */
  public static FhirAnswer refusal(int status, Issue issue, String diagnostics) {
    return of(FhirException.of(status, issue.type, diagnostics, null));
  }

  /**
   * The answer of a failure thrown by {@link FhirClaims}, when it is a refusal of the request;
   * null for any other failure (the caller's to answer).
   */
  public static FhirAnswer refusal(Throwable failure) {
    return failure instanceof FhirException refusal ? of(refusal) : null;
  }

  static FhirAnswer of(FhirException refusal) {
    return new FhirAnswer(refusal.status(), Fhir.write(refusal.outcome()), null);
  }
}
