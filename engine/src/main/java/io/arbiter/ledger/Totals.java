package io.arbiter.ledger;

import java.math.BigDecimal;

/**
 * Deducted and remunerated sums, in total and split by hospital visit (in-patient) or not
 * (out-patient), as openIMIS keeps them per policy and per insuree. Immutable.
 */
public record Totals(
    BigDecimal deducted, BigDecimal deductedIP, BigDecimal deductedOP,
    BigDecimal remunerated, BigDecimal remuneratedIP, BigDecimal remuneratedOP) {

  public static final Totals ZERO = new Totals(BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO,
      BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO);

  /** These totals plus ({@code sign} = 1) or minus ({@code sign} = -1) one claim's amounts. */
  public Totals plus(PolicyAmounts a, int sign) {
    BigDecimal d = sign < 0 ? a.deducted().negate() : a.deducted();
    BigDecimal r = sign < 0 ? a.remunerated().negate() : a.remunerated();
    return new Totals(
        deducted.add(d), a.hospitalVisit() ? deductedIP.add(d) : deductedIP,
        a.hospitalVisit() ? deductedOP : deductedOP.add(d),
        remunerated.add(r), a.hospitalVisit() ? remuneratedIP.add(r) : remuneratedIP,
        a.hospitalVisit() ? remuneratedOP : remuneratedOP.add(r));
  }
}
