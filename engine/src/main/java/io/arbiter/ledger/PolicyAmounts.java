package io.arbiter.ledger;

import java.math.BigDecimal;

/**
 * What one claim deducted and remunerated under one policy.
 *
 * @param hospitalVisit whether the claim counted as a hospital visit (in-patient buckets) or not
 *     (out-patient buckets)
 * @param remunerated amount paid that counts against the general ceilings (ceiling-excluded lines
 *     are left out)
 * @param ceilingExcluded amount paid on lines excluded from the general ceilings (docs/adjudication.md §6 step 7):
 *     paid, but counted against no ceiling
 */
public record PolicyAmounts(String policyId, boolean hospitalVisit, BigDecimal deducted, BigDecimal remunerated,
    BigDecimal ceilingExcluded) {

  /** Amounts of a claim that paid nothing on ceiling-excluded lines. */
  public PolicyAmounts(String policyId, boolean hospitalVisit, BigDecimal deducted, BigDecimal remunerated) {
    this(policyId, hospitalVisit, deducted, remunerated, BigDecimal.ZERO.setScale(2));
  }
}
