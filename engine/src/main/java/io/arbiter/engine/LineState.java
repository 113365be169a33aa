package io.arbiter.engine;

import io.arbiter.claim.LineDecision;
import io.arbiter.claim.LineStatus;
import io.arbiter.claim.RejectionCode;
import io.arbiter.scheme.LineKind;
import java.math.BigDecimal;
import java.util.Map;

/** The engine's working copy of one line while a claim is adjudicated, reviewed or valued. */
final class LineState {
  final LineKind kind;
  final int lineNo;
  final String code;
  final BigDecimal qtyProvided;
  final BigDecimal priceAsked;
  RejectionCode rejectionReason = RejectionCode.ACCEPTED;
  BigDecimal qtyApproved;
  BigDecimal priceApproved;
  String justification;
  String packageDifferences;
  String rule;
  String explanation;
  Map<String, Object> parameters = Map.of();
  String product;
  String policyId;
  String priceOrigin;
  String limitation;
  BigDecimal limitationValue;
  BigDecimal priceAdjusted;
  /** The unit price the last valuation used (not part of the decision). */
  BigDecimal unitPrice;
  BigDecimal priceValuated;
  BigDecimal deductableAmount;
  BigDecimal exceedCeilingAmount;
  BigDecimal exceedCeilingAmountCategory;
  BigDecimal remuneratedAmount;

  LineState(LineKind kind, int lineNo, String code, BigDecimal qtyProvided, BigDecimal priceAsked) {
    this.kind = kind;
    this.lineNo = lineNo;
    this.code = code;
    this.qtyProvided = qtyProvided;
    this.priceAsked = priceAsked;
  }

  static LineState of(LineKind kind, LineDecision d) {
    LineState s = new LineState(kind, d.lineNo(), kind == LineKind.ITEM ? d.itemCode() : d.serviceCode(),
        d.qtyProvided(), d.priceAsked());
    s.rejectionReason = d.rejectionReason();
    s.qtyApproved = d.qtyApproved();
    s.priceApproved = d.priceApproved();
    s.justification = d.justification();
    s.packageDifferences = d.packageDifferences();
    s.rule = d.rule();
    s.explanation = d.explanation();
    s.parameters = d.parameters() == null ? Map.of() : d.parameters();
    s.product = d.product();
    s.policyId = d.policyId();
    s.priceOrigin = d.priceOrigin();
    s.limitation = d.limitation();
    s.limitationValue = d.limitationValue();
    s.priceAdjusted = d.priceAdjusted();
    s.priceValuated = d.priceValuated();
    s.deductableAmount = d.deductableAmount();
    s.exceedCeilingAmount = d.exceedCeilingAmount();
    s.exceedCeilingAmountCategory = d.exceedCeilingAmountCategory();
    s.remuneratedAmount = d.remuneratedAmount();
    return s;
  }

  boolean passed() {
    return rejectionReason == RejectionCode.ACCEPTED;
  }

  /** Quantity the valuation uses: approved if set, else provided. */
  BigDecimal quantity() {
    return qtyApproved != null ? qtyApproved : qtyProvided;
  }

  void reject(RejectionCode code, String rule, String explanation, Map<String, Object> parameters) {
    this.rejectionReason = code;
    this.rule = rule;
    this.explanation = explanation;
    this.parameters = parameters;
    this.qtyApproved = BigDecimal.ZERO;
    this.product = null;
    this.policyId = null;
    this.priceOrigin = null;
    this.limitation = null;
    this.limitationValue = null;
    clearValuation();
  }

  void clearValuation() {
    priceAdjusted = null;
    priceValuated = null;
    deductableAmount = null;
    exceedCeilingAmount = null;
    exceedCeilingAmountCategory = null;
    remuneratedAmount = null;
  }

  LineDecision toDecision() {
    return new LineDecision(lineNo,
        kind == LineKind.ITEM ? code : null, kind == LineKind.SERVICE ? code : null,
        qtyProvided, priceAsked,
        passed() ? LineStatus.PASSED : LineStatus.REJECTED, rejectionReason,
        qtyApproved, priceApproved, priceAdjusted, priceValuated, deductableAmount,
        exceedCeilingAmount, exceedCeilingAmountCategory, remuneratedAmount,
        product, policyId, priceOrigin, limitation, limitationValue,
        rule, explanation, parameters.isEmpty() ? null : parameters, justification, packageDifferences, null);
  }
}
