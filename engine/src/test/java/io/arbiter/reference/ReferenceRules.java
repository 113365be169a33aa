package io.arbiter.reference;

import io.arbiter.claim.RejectionCode;
import io.arbiter.rules.ClaimFact;
import io.arbiter.rules.ClaimRules;
import io.arbiter.rules.CoverageFact;
import io.arbiter.rules.LineFact;
import io.arbiter.rules.Switches;
import io.arbiter.rules.WindowFact;
import java.math.BigDecimal;
import java.util.List;
import java.util.Set;

/*
 * Why a second implementation of the rules: it is the oracle of the differential test (the DRL
 * and this code must agree on every generated claim) and the speed limit the Drools path is
 * measured against. It follows rules/*.drl in salience order, claim checks first, then each line's
 * checks, then its product lines, then the claim-wide consequences. Checks of one fact never look
 * at another fact's verdict before the rules at 700 do, so evaluating fact by fact in that order
 * gives what Drools' agenda gives. Explanations are the rule names: the test compares codes,
 * quantities and rule names, not sentences.
 */

/**
 * A hand-written evaluator of the same checks as the DRL rules under {@code rules/}, over the same
 * pre-joined facts. Stateless and thread-safe.
 */
public final class ReferenceRules implements ClaimRules {
  /** The version decisions made by this evaluator record. */
  public static final String VERSION = "reference-java";

  @Override
  public String version() {
    return VERSION;
  }

  @Override
  public void run(Switches switches, ClaimFact claim, List<LineFact> lines, List<CoverageFact> coverages,
      List<WindowFact> windows) {
    if (claimRejected(switches, claim)) {
      for (LineFact line : lines) {
        line.adopt(claim);
      }
      return;
    }
    for (LineFact line : lines) {
      lineChecks(switches, line);
    }
    // Coverages and windows come grouped by line (the engine builds them line by line), but the
    // contract does not promise it, so each line looks its own up.
    for (LineFact line : lines) {
      if (line.isOpen()) {
        resolve(switches, line, coverages, windows);
      }
    }
    for (LineFact line : lines) {
      if (line.isAccepted() && !line.isValuedAtZero() && line.getPackageDifferences() != null) {
        line.valueAtZero("package composition", "package composition");
      }
    }
    if (switches.isWholeClaimOnMaximum()) {
      wholeClaimOnMaximum(lines);
    }
  }

  /** claim.drl, saliences 1000–980. */
  private static boolean claimRejected(Switches switches, ClaimFact claim) {
    if (claim.getDateClaimed().isBefore(claim.getDateFrom())) {
      claim.reject(RejectionCode.CLAIM_BEFORE_CARE.code(), "9 target date", "9 target date");
    } else if (claim.getInsureeProblem() != null) {
      claim.reject(RejectionCode.INSUREE_NOT_VALID.code(), "7 insuree", "7 insuree");
    } else if (switches.isUnknownDiagnosisCode8() && claim.getUnknownDiagnosis() != null) {
      claim.reject(RejectionCode.UNKNOWN_DIAGNOSIS.code(), "8 diagnosis", "8 diagnosis");
    }
    return claim.isRejected();
  }

  /** register.drl, care-type.drl, mask.drl, frequency.drl: saliences 900–860. */
  private static void lineChecks(Switches switches, LineFact line) {
    if (!line.isInRegister()) {
      line.reject(RejectionCode.NOT_IN_REGISTER.code(), "1 register", "1 register");
    } else if (!line.isInPriceList()) {
      line.reject(RejectionCode.NOT_IN_PRICE_LIST.code(), "2 price list", "2 price list");
    } else if (careTypeFails(switches, line)) {
      String rule = switches.isCareTypeLegacy() ? "10 care type legacy" : "10 care type";
      line.reject(RejectionCode.CARE_TYPE.code(), rule, rule);
    } else if ((line.getMask() & line.getPatientMask()) != line.getPatientMask()) {
      line.reject(RejectionCode.PATIENT_MASK.code(), "4 mask", "4 mask");
    } else if (tooFrequent(switches, line)) {
      line.reject(RejectionCode.FREQUENCY.code(), "5 frequency", "5 frequency");
    }
  }

  private static boolean careTypeFails(Switches switches, LineFact line) {
    String f = line.getFacilityCareType();
    String c = line.getCareType();
    boolean in = line.isInPatient();
    if (switches.isCareTypeLegacy()) {
      return ("I".equals(c) && ("O".equals(f) || !in)) || ("O".equals(c) && ("I".equals(f) || in));
    }
    return ("O".equals(f) && in) || ("O".equals(f) && "I".equals(c)) || ("I".equals(f) && "O".equals(c));
  }

  private static boolean tooFrequent(Switches switches, LineFact line) {
    Integer days = line.getNearestProvisionDays();
    int frequency = line.getFrequency();
    return frequency > 0 && days != null
        && (days < frequency || (switches.isFrequencyInclusive() && days == frequency));
  }

  /** vouchers.drl, coverage.drl, windows.drl, maxima.drl: saliences 810–690. */
  private static void resolve(Switches switches, LineFact line, List<CoverageFact> coverages,
      List<WindowFact> windows) {
    if (line.getCoverageCount() == 0) {
      line.reject(RejectionCode.NOT_COVERED.code(), "3 no product", "3 no product");
      return;
    }
    boolean anyPassed = false;
    CoverageFact firstFailure = null;
    for (CoverageFact coverage : coverages) {
      if (coverage.getLineIndex() != line.getIndex()) {
        continue;
      }
      check(switches, coverage, windows);
      if (!coverage.isRejected()) {
        anyPassed = true;
      } else if (firstFailure == null || coverage.getOrder() < firstFailure.getOrder()) {
        firstFailure = coverage;
      }
    }
    if (anyPassed && (firstFailure == null || switches.isAnyProductPasses())) {
      line.accept("0 covered", "0 covered");
    } else if (firstFailure != null) {
      line.adopt(firstFailure);
    }
  }

  private static void check(Switches switches, CoverageFact coverage, List<WindowFact> windows) {
    if (coverage.isVoucherProduct()) {
      voucher(coverage);
    }
    if (!coverage.isRejected() && coverage.isWaitingApplies() && coverage.getWaitingMonths() > 0
        && coverage.isBeforeWaitingEnd()) {
      coverage.reject(RejectionCode.WAITING_PERIOD.code(), "17 waiting period", "17 waiting period");
    }
    if (!coverage.isRejected() && coverage.getLimitNo() != null) {
      BigDecimal left = coverage.getProvisionsLeft();
      if (left.signum() <= 0) {
        coverage.reject(RejectionCode.MAX_PROVISIONS.code(), "16 provisions", "16 provisions");
      } else if (switches.isPartialProvisions() && coverage.getQtyAllowed() == null
          && left.compareTo(coverage.getQty()) < 0) {
        coverage.allow(left, "16 partial provisions", "16 partial provisions");
      }
    }
    if (!coverage.isRejected()) {
      windowLimits(switches, coverage, windows);
    }
    if (!coverage.isRejected() && coverage.isService() && coverage.getCategory() != null
        && coverage.getCategoryMax() != null && coverage.getCategoryCount() >= coverage.getCategoryMax()) {
      maximum(coverage);
    }
  }

  private static void voucher(CoverageFact coverage) {
    String status = coverage.getVoucherStatus();
    if (status == null) {
      coverage.reject(RejectionCode.VOUCHER_UNKNOWN.code(), "101 voucher unknown", "101 voucher unknown");
    } else if (status.equals("New")) {
      coverage.reject(RejectionCode.VOUCHER_NOT_ATTRIBUTED.code(),
          "102 voucher not attributed", "102 voucher not attributed");
    } else if (status.equals("Cancel")) {
      coverage.reject(RejectionCode.VOUCHER_CANCELLED.code(), "103 voucher cancelled", "103 voucher cancelled");
    } else if (status.equals("Used") && !coverage.isVoucherForPolicy()) {
      coverage.reject(RejectionCode.VOUCHER_OTHER_POLICY.code(),
          "104 voucher of another policy", "104 voucher of another policy");
    }
  }

  /** A window used up rejects whatever the others allow; else the smallest quantity left wins. */
  private static void windowLimits(Switches switches, CoverageFact coverage, List<WindowFact> windows) {
    for (WindowFact w : windows) {
      if (w.getLineIndex() == coverage.getLineIndex() && w.getOrder() == coverage.getOrder()
          && w.getProvisionsLeft().signum() <= 0) {
        coverage.reject(RejectionCode.MAX_PROVISIONS.code(), "16 window limit", "16 window limit");
        return;
      }
    }
    if (!switches.isPartialProvisions()) {
      return;
    }
    for (WindowFact w : windows) {
      if (w.getLineIndex() == coverage.getLineIndex() && w.getOrder() == coverage.getOrder()) {
        BigDecimal left = w.getProvisionsLeft();
        BigDecimal allowed = coverage.getQtyAllowed();
        if (left.compareTo(coverage.getQty()) < 0 && (allowed == null || left.compareTo(allowed) < 0)) {
          coverage.allow(left, "16 partial window limit", "16 partial window limit");
        }
      }
    }
  }

  private static void maximum(CoverageFact coverage) {
    switch (coverage.getCategory()) {
      case "H" -> coverage.reject(RejectionCode.MAX_HOSPITAL_ADMISSIONS.code(),
          "11 hospitalisations", "11 hospitalisations");
      case "V" -> coverage.reject(RejectionCode.MAX_VISITS.code(), "12 visits", "12 visits");
      case "C" -> coverage.reject(RejectionCode.MAX_CONSULTATIONS.code(), "13 consultations", "13 consultations");
      case "S" -> coverage.reject(RejectionCode.MAX_SURGERIES.code(), "14 surgeries", "14 surgeries");
      case "D" -> coverage.reject(RejectionCode.MAX_DELIVERIES.code(), "15 deliveries", "15 deliveries");
      case "A" -> coverage.reject(RejectionCode.MAX_ANTENATAL.code(), "19 antenatal", "19 antenatal");
      default -> { }
    }
  }

  /** claim.drl "whole claim on maximum": a category maximum rejects every other line with its code. */
  private static void wholeClaimOnMaximum(List<LineFact> lines) {
    LineFact maximum = null;
    for (LineFact line : lines) {
      if (isMaximumCode(line.getRejectionReason())) {
        maximum = line;
        break;
      }
    }
    if (maximum == null) {
      return;
    }
    for (LineFact line : lines) {
      if (line != maximum && line.getRejectionReason() != maximum.getRejectionReason()) {
        line.overrule(maximum.getRejectionReason(), "whole claim on maximum", "whole claim on maximum");
      }
    }
  }

  private static final Set<RejectionCode> MAXIMUM_CODES = Set.of(RejectionCode.MAX_HOSPITAL_ADMISSIONS,
      RejectionCode.MAX_VISITS, RejectionCode.MAX_CONSULTATIONS, RejectionCode.MAX_SURGERIES,
      RejectionCode.MAX_DELIVERIES, RejectionCode.MAX_ANTENATAL);

  private static boolean isMaximumCode(int code) {
    return MAXIMUM_CODES.contains(RejectionCode.of(code));
  }
}
