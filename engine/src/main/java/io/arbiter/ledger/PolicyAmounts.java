package io.arbiter.ledger;

import java.math.BigDecimal;

/**
 * What one claim deducted and remunerated under one policy.
 *
 * @param hospitalVisit whether the claim counted as a hospital visit (in-patient buckets) or not
 *     (out-patient buckets)
 * @param remunerated amount paid that counts against the general ceilings (ceiling-excluded lines
 *     are left out)
 */
public record PolicyAmounts(String policyId, boolean hospitalVisit, BigDecimal deducted, BigDecimal remunerated) {}
