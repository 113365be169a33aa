package io.arbiter.claim;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.util.Map;

/**
 * The decision on one item or service line, in openIMIS vocabulary. Amounts have scale 2.
 *
 * @param lineNo 1-based position of the line in the claim's items (or services)
 * @param status passed or rejected
 * @param rejectionReason why the line was rejected; {@link RejectionCode#ACCEPTED} when it passed
 * @param product code of the product chosen to pay the line (passed lines)
 * @param limitation C co-insurance or F fixed amount, with {@code limitationValue}
 * @param rule name of the rule that decided (e.g. {@code "5 frequency"})
 * @param explanation a sentence a person can read, with {@code parameters} as data
 * @param packageDifferences how a fee-for-service package's parts differ from its definition (the
 *     line is then valued 0); null otherwise
 * @param risk the risk model's probability and reasons; null when no model scored the line
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LineDecision(
    int lineNo,
    String itemCode,
    String serviceCode,
    BigDecimal qtyProvided,
    BigDecimal priceAsked,
    LineStatus status,
    RejectionCode rejectionReason,
    BigDecimal qtyApproved,
    BigDecimal priceApproved,
    BigDecimal priceAdjusted,
    BigDecimal priceValuated,
    BigDecimal deductableAmount,
    BigDecimal exceedCeilingAmount,
    BigDecimal exceedCeilingAmountCategory,
    BigDecimal remuneratedAmount,
    String product,
    String policyId,
    String priceOrigin,
    String limitation,
    BigDecimal limitationValue,
    String rule,
    String explanation,
    Map<String, Object> parameters,
    String justification,
    String packageDifferences,
    LineRisk risk) {

  /**
   * What the line would be paid before any review: approved quantity (else provided) × approved
   * unit price (else the price the rules adjusted to, else the price asked), scale 2. The value a
   * reviewer can cut, so the base of a claim's value at stake and of a training label's value.
   */
  @JsonIgnore
  public BigDecimal approvedValue() {
    BigDecimal qty = qtyApproved != null ? qtyApproved : qtyProvided;
    BigDecimal unit = priceApproved != null ? priceApproved : priceAdjusted != null ? priceAdjusted : priceAsked;
    return qty == null || unit == null ? BigDecimal.ZERO.setScale(2)
        : qty.multiply(unit).setScale(2, java.math.RoundingMode.HALF_UP);
  }

  /** This line with the risk model's view of it. */
  public LineDecision withRisk(LineRisk lineRisk) {
    return new LineDecision(lineNo, itemCode, serviceCode, qtyProvided, priceAsked, status, rejectionReason,
        qtyApproved, priceApproved, priceAdjusted, priceValuated, deductableAmount, exceedCeilingAmount,
        exceedCeilingAmountCategory, remuneratedAmount, product, policyId, priceOrigin, limitation,
        limitationValue, rule, explanation, parameters, justification, packageDifferences, lineRisk);
  }
}
