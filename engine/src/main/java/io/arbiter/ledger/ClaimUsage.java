package io.arbiter.ledger;

import io.arbiter.scheme.LineKind;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * One claim's entry in the ledger: its passed provisions, its category, and per policy what it
 * deducted and remunerated. Provisional while the claim is checked, final once processed.
 *
 * @param category claim category (S, D, A, H, C, V), null if none
 */
public record ClaimUsage(
    String claimCode,
    String chfId,
    LocalDate targetDate,
    String category,
    boolean isFinal,
    List<Line> provisions,
    List<PolicyAmounts> policies) {

  public ClaimUsage {
    provisions = List.copyOf(provisions);
    policies = List.copyOf(policies);
  }

  /** A passed line: item or service code and the quantity approved. */
  public record Line(LineKind kind, String code, BigDecimal quantity) {}

  /** This entry, marked final. */
  public ClaimUsage asFinal() {
    return new ClaimUsage(claimCode, chfId, targetDate, category, true, provisions, policies);
  }
}
