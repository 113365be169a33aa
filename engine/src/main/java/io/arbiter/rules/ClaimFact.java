package io.arbiter.rules;

import java.time.LocalDate;

/**
 * The claim header as the rules see it, with everything pre-joined by the engine. A claim-level
 * rejection applies to every line (rule "claim rejection applies to every line").
 */
public final class ClaimFact extends Verdict {
  private final String code;
  private final LocalDate dateClaimed;
  private final LocalDate dateFrom;
  private final LocalDate targetDate;
  private final boolean inPatient;
  private final String category;
  private final String insureeProblem;
  private final String unknownDiagnosis;

  /**
   * @param category the claim category of §3, or null when no valid service decides it
   * @param insureeProblem why the insuree cannot be adjudicated (code 7), or null
   * @param unknownDiagnosis the first diagnosis code not in the list, or null
   */
  public ClaimFact(String code, LocalDate dateClaimed, LocalDate dateFrom, LocalDate targetDate,
      boolean inPatient, String category, String insureeProblem, String unknownDiagnosis) {
    this.code = code;
    this.dateClaimed = dateClaimed;
    this.dateFrom = dateFrom;
    this.targetDate = targetDate;
    this.inPatient = inPatient;
    this.category = category;
    this.insureeProblem = insureeProblem;
    this.unknownDiagnosis = unknownDiagnosis;
  }

  public String getCode() {
    return code;
  }

  public LocalDate getDateClaimed() {
    return dateClaimed;
  }

  public LocalDate getDateFrom() {
    return dateFrom;
  }

  public LocalDate getTargetDate() {
    return targetDate;
  }

  public boolean isInPatient() {
    return inPatient;
  }

  public String getCategory() {
    return category;
  }

  public String getInsureeProblem() {
    return insureeProblem;
  }

  public String getUnknownDiagnosis() {
    return unknownDiagnosis;
  }
}
