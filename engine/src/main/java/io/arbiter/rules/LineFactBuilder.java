package io.arbiter.rules;

import io.arbiter.scheme.LineKind;
import java.math.BigDecimal;
import java.time.LocalDate;

/** Collects a {@link LineFact}'s pre-joined values; one builder per line, not thread-safe. */
public final class LineFactBuilder {
  int index;
  LineKind kind;
  int lineNo;
  String code;
  BigDecimal qty;
  boolean inRegister;
  boolean inPriceList;
  LocalDate targetDate;
  String careType = "B";
  String facilityCareType = "B";
  boolean inPatient;
  int mask;
  int patientMask;
  int frequency;
  Integer nearestProvisionDays;
  LocalDate nearestProvisionDate;
  String nearestProvisionClaim;
  int coverageCount;
  String packageDifferences;

  public LineFactBuilder line(int index, LineKind kind, int lineNo, String code, BigDecimal qty) {
    this.index = index;
    this.kind = kind;
    this.lineNo = lineNo;
    this.code = code;
    this.qty = qty;
    return this;
  }

  /** Whether the code is in the register and the facility's price list on the claim's target date. */
  public LineFactBuilder presence(boolean inRegister, boolean inPriceList, LocalDate targetDate) {
    this.inRegister = inRegister;
    this.inPriceList = inPriceList;
    this.targetDate = targetDate;
    return this;
  }

  public LineFactBuilder careTypes(String careType, String facilityCareType, boolean inPatient) {
    this.careType = careType;
    this.facilityCareType = facilityCareType;
    this.inPatient = inPatient;
    return this;
  }

  public LineFactBuilder masks(int mask, int patientMask) {
    this.mask = mask;
    this.patientMask = patientMask;
    return this;
  }

  public LineFactBuilder frequency(int frequency, Integer nearestDays, LocalDate nearestDate, String nearestClaim) {
    this.frequency = frequency;
    this.nearestProvisionDays = nearestDays;
    this.nearestProvisionDate = nearestDate;
    this.nearestProvisionClaim = nearestClaim;
    return this;
  }

  public LineFactBuilder coverageCount(int coverageCount) {
    this.coverageCount = coverageCount;
    return this;
  }

  public LineFactBuilder packageDifferences(String differences) {
    this.packageDifferences = differences;
    return this;
  }

  public LineFact build() {
    return new LineFact(this);
  }
}
