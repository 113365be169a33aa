package io.arbiter.engine;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * What an insuree has left at a date under each valid policy, read from the ledger.
 *
 * @param policies one entry per policy valid at {@code date}
 */
public record Balance(String chfId, LocalDate date, List<PolicyBalance> policies) {

  /** One policy's remaining deductibles, ceilings, provisions and category claims. */
  public record PolicyBalance(String policyId, String product, LocalDate effectiveDate, LocalDate expiryDate,
      List<Amount> deductibles, List<Amount> ceilings, List<Count> provisions, List<Count> categories) {}

  /**
   * A deductible or ceiling by its openIMIS field name (e.g. {@code dedInsuree}, {@code maxIPPolicy}).
   *
   * @param used deducted or remunerated so far, by checked and processed claims
   * @param provisional the part of {@code used} from claims checked but not yet processed (as
   *     openIMIS shows approved and provisional amounts apart)
   */
  public record Amount(String name, BigDecimal amount, BigDecimal used, BigDecimal provisional, BigDecimal left) {}

  /**
   * A provision limit (item or service code) or category maximum (e.g. {@code maxNoConsultation}).
   */
  public record Count(String name, BigDecimal limit, BigDecimal used, BigDecimal left) {}
}
