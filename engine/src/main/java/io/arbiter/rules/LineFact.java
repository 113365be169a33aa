package io.arbiter.rules;

import io.arbiter.scheme.LineKind;
import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * One item or service line with the reference data its checks compare, pre-joined by the engine:
 * register and price-list presence at the target date, care types, masks, and the nearest earlier
 * or later provision of the same item/service from the ledger. A line is {@code open} until a rule
 * rejects or accepts it.
 */
public final class LineFact extends Verdict {
  private final int index;
  private final LineKind kind;
  private final int lineNo;
  private final String code;
  private final BigDecimal qty;
  private final boolean inRegister;
  private final boolean inPriceList;
  private final LocalDate targetDate;
  private final String careType;
  private final String facilityCareType;
  private final boolean inPatient;
  private final int mask;
  private final int patientMask;
  private final int frequency;
  private final Integer nearestProvisionDays;
  private final LocalDate nearestProvisionDate;
  private final String nearestProvisionClaim;
  private final int coverageCount;
  private final String packageDifferences;
  private boolean accepted;
  private boolean valuedAtZero;

  /** Creates a line fact; the engine fills it through {@link LineFactBuilder}. */
  LineFact(LineFactBuilder b) {
    this.index = b.index;
    this.kind = b.kind;
    this.lineNo = b.lineNo;
    this.code = b.code;
    this.qty = b.qty;
    this.inRegister = b.inRegister;
    this.inPriceList = b.inPriceList;
    this.targetDate = b.targetDate;
    this.careType = b.careType;
    this.facilityCareType = b.facilityCareType;
    this.inPatient = b.inPatient;
    this.mask = b.mask;
    this.patientMask = b.patientMask;
    this.frequency = b.frequency;
    this.nearestProvisionDays = b.nearestProvisionDays;
    this.nearestProvisionDate = b.nearestProvisionDate;
    this.nearestProvisionClaim = b.nearestProvisionClaim;
    this.coverageCount = b.coverageCount;
    this.packageDifferences = b.packageDifferences;
  }

  /** Keeps the line passed but values it 0 (a package whose parts do not match its definition). */
  public void valueAtZero(String rule, String explanation, Object... keyValues) {
    if (accepted) {
      valuedAtZero = true;
      explain(rule, explanation, keyValues);
    }
  }

  public boolean isValuedAtZero() {
    return valuedAtZero;
  }

  /** How a fee-for-service package's claimed parts differ from its definition; null when they match. */
  public String getPackageDifferences() {
    return packageDifferences;
  }

  /** Marks the line as passing its checks. */
  public void accept(String rule, String explanation, Object... keyValues) {
    if (!isRejected()) {
      accepted = true;
      explain(rule, explanation, keyValues);
    }
  }

  @Override
  public void overrule(int code, String rule, String explanation, Object... keyValues) {
    accepted = false;
    super.overrule(code, rule, explanation, keyValues);
  }

  /** Neither rejected nor accepted yet. */
  public boolean isOpen() {
    return !accepted && !isRejected();
  }

  public boolean isAccepted() {
    return accepted;
  }

  public int getIndex() {
    return index;
  }

  public LineKind getKind() {
    return kind;
  }

  public boolean isService() {
    return kind == LineKind.SERVICE;
  }

  /** "item" or "service", for explanations. */
  public String getWord() {
    return kind.word();
  }

  public int getLineNo() {
    return lineNo;
  }

  public String getCode() {
    return code;
  }

  public BigDecimal getQty() {
    return qty;
  }

  public boolean isInRegister() {
    return inRegister;
  }

  public boolean isInPriceList() {
    return inPriceList;
  }

  /** The claim's target date, at which register and price-list presence were looked up. */
  public LocalDate getTargetDate() {
    return targetDate;
  }

  /** Care type of the register entry: O, I or B. */
  public String getCareType() {
    return careType;
  }

  /** Care type of the facility: O, I or B (null in the register means B). */
  public String getFacilityCareType() {
    return facilityCareType;
  }

  public boolean isInPatient() {
    return inPatient;
  }

  public int getMask() {
    return mask;
  }

  public int getPatientMask() {
    return patientMask;
  }

  public int getFrequency() {
    return frequency;
  }

  /** |days| between the target date and the nearest passed provision of the code; null if none. */
  public Integer getNearestProvisionDays() {
    return nearestProvisionDays;
  }

  public LocalDate getNearestProvisionDate() {
    return nearestProvisionDate;
  }

  public String getNearestProvisionClaim() {
    return nearestProvisionClaim;
  }

  /** How many product lines of the insuree's valid policies cover this line. */
  public int getCoverageCount() {
    return coverageCount;
  }
}
